#!/usr/bin/env python3
"""The fault suite's driver (started by bench/faults.sh, which prepares the database, the jar and the secrets).

Runs two gateways (A, B) against the real PostgreSQL, Redis and Kafka, keeps a mixed load on both, injects
one fault per phase, waits for every processor to catch up, then checks from the database and the topic
that nothing acknowledged was lost. Progress goes to stderr, the table to stdout; the exit status is 1 when
any check fails (a 500, a lost write, a wrong tenant count, a missing audit row or Kafka event, a dead letter).
"""
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATABASE = os.environ.get("FAULTS_DATABASE", "identity_faults")
PORTS = {"A": int(os.environ.get("FAULTS_PORT_A", "8090")), "B": int(os.environ.get("FAULTS_PORT_B", "8091"))}
ADMIN_PASSWORD = os.environ["IDENTITY_BOOTSTRAP_ADMIN_PASSWORD"]
PHASES = [p.strip() for p in os.environ.get("PHASES", "baseline,kill,kafka,redis,postgres,order").split(",") if p.strip()]
DOWN = {"kafka": float(os.environ.get("KAFKA_DOWN", "60")), "redis": float(os.environ.get("REDIS_DOWN", "60")),
        "postgres": float(os.environ.get("PG_DOWN", "10")), "kill": float(os.environ.get("KILL_DOWN", "5"))}
BASELINE_SECONDS = float(os.environ.get("BASELINE_SECONDS", "10"))
ORDER_ROUNDS = int(os.environ.get("ORDER_ROUNDS", "20"))
THREADS = int(os.environ.get("LOAD_THREADS", "6"))
CATCH_UP_LIMIT = float(os.environ.get("CATCH_UP_LIMIT", "120"))
GO_FILE = os.environ.get("FAULTS_GO_FILE", "")
PASSWORD = "fault suite password"
REQUEST_TIMEOUT = 20
RUN_DIR = os.path.join(ROOT, ".run")


def log(message):
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def base(instance):
    return f"http://127.0.0.1:{PORTS[instance]}"


# --- HTTP ------------------------------------------------------------------------------------------

class Answer:
    def __init__(self, status, body, headers):
        self.status, self.body, self.headers = status, body, headers

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None


def call(instance, method, path, body=None, token=None, timeout=REQUEST_TIMEOUT):
    """One request; the status, or 'conn' (refused/reset) or 'timeout' when no answer came."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base(instance) + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(response.status, response.read().decode(errors="replace"), dict(response.headers))
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read().decode(errors="replace"), dict(error.headers))
    except (socket.timeout, TimeoutError):
        return Answer("timeout", "", {})
    except urllib.error.URLError as error:
        return Answer("timeout" if isinstance(error.reason, (socket.timeout, TimeoutError)) else "conn", "", {})
    except (ConnectionError, OSError):
        return Answer("conn", "", {})


def must(answer, expected, what):
    if answer.status != expected:
        raise SystemExit(f"{what}: expected {expected}, got {answer.status} {answer.body[:300]}")
    return answer.json()


def login(instance, tenant, email, password=PASSWORD):
    return call(instance, "POST", "/api/v1/auth/login", {"tenant": tenant, "email": email, "password": password})


# --- PostgreSQL --------------------------------------------------------------------------------------

def psql(sql, script=False, app="faults"):
    """Runs SQL on the suite's database (as -c, or as a script on stdin when it holds COPY data)."""
    command = ["psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", DATABASE]
    result = subprocess.run(command if script else command + ["-c", sql], input=sql if script else None,
                            capture_output=True, text=True, env=dict(os.environ, PGAPPNAME=app), timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"psql failed: {result.stderr.strip()}")
    return result.stdout.strip()


# --- instances -----------------------------------------------------------------------------------------

class Instances:
    def __init__(self):
        self.processes = {}
        self.starts = Counter()

    def start(self, name):
        self.starts[name] += 1
        path = os.path.join(RUN_DIR, f"faults-{name.lower()}-{self.starts[name]}.log")
        environment = dict(os.environ, PORT=str(PORTS[name]))
        command = ["java"] + os.environ.get("JAVA_OPTS", "-Xmx384m").split() + [
            "-jar", os.path.join(ROOT, "api-gateway/target/identity-gateway.jar")]
        with open(path, "w") as output:
            self.processes[name] = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                                                    env=environment, cwd=ROOT)
        log(f"instance {name} starting on :{PORTS[name]} (pid {self.processes[name].pid}, log {os.path.relpath(path, ROOT)})")

    def await_ready(self, name, limit=240):
        deadline = time.time() + limit
        while time.time() < deadline:
            if self.processes[name].poll() is not None:
                raise SystemExit(f"instance {name} exited during start-up; see .run/faults-{name.lower()}-*.log")
            if call(name, "GET", "/actuator/health/readiness", timeout=3).status == 200:
                log(f"instance {name} ready")
                return
            time.sleep(1)
        raise SystemExit(f"instance {name} not ready after {limit} s")

    def kill(self, name):
        process = self.processes[name]
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        log(f"instance {name} killed with SIGKILL (pid {process.pid})")

    def stop_all(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


# --- services (the faults) -------------------------------------------------------------------------

def run(command, check=True, timeout=180):
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stdout.strip()} {result.stderr.strip()}")
    return result


def find_kafka_script():
    """The kafka.sh of the checkout whose broker answers, so that it is stopped and started with its own data."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                arguments = f.read().split(b"\0")
        except OSError:
            continue
        if b"kafka.Kafka" in arguments:
            for argument in arguments:
                match = re.match(rb"-Dkafka\.logs\.dir=(.*)/\.run/kafka$", argument)
                if match and os.path.exists(os.path.join(match.group(1).decode(), "scripts/kafka.sh")):
                    return os.path.join(match.group(1).decode(), "scripts/kafka.sh")
    return os.path.join(ROOT, "scripts/kafka.sh")


def kafka_script():
    return SERVICES["kafka"]


def kafka_libs():
    return os.path.join(os.path.dirname(os.path.dirname(kafka_script())), ".run/kafka/libs")


def postgres_cluster():
    version, cluster = run(["pg_lsclusters", "--no-header"]).stdout.split()[:2]
    return version, cluster


# How to bring the services back as they were, remembered before any fault (and kept in a file for the
# restore that faults.sh runs if this process dies)
SERVICES = {}
SERVICES_FILE = os.path.join(RUN_DIR, "faults-services.json")


def remember_services():
    for key in ("save", "dir"):
        lines = run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "config", "get", key]).stdout.splitlines()
        SERVICES["redis-" + key] = lines[1] if len(lines) > 1 else ""
    SERVICES["kafka"] = find_kafka_script()
    with open(SERVICES_FILE, "w") as f:
        json.dump(SERVICES, f)


FAULTS = {
    "kafka": (lambda: run([kafka_script(), "stop"]), lambda: run([kafka_script(), "start"], timeout=240)),
    "redis": (lambda: run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"], check=False),
              lambda: run(["redis-server", "--bind", "127.0.0.1", "--port", "6379", "--daemonize", "yes",
                           "--save", SERVICES["redis-save"], "--dir", SERVICES["redis-dir"]])),
    "postgres": (lambda: run(["pg_ctlcluster", "--skip-systemctl-redirect", *postgres_cluster(), "stop", "-m", "fast"]),
                 lambda: run(["pg_ctlcluster", "--skip-systemctl-redirect", *postgres_cluster(), "start"])),
}


def services_up():
    """Brings back anything this suite stopped (idempotent; also called on the way out)."""
    if run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode != 0:
        FAULTS["postgres"][1]()
    if run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping"], check=False).stdout.strip() != "PONG":
        FAULTS["redis"][1]()
    if run([kafka_script(), "status"], check=False).returncode != 0:
        FAULTS["kafka"][1]()


# --- the load ------------------------------------------------------------------------------------------

class Tally:
    """Status counts of one phase."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = Counter()
        self.by_code = Counter()
        self.evidence = []

    def add(self, what, answer):
        with self.lock:
            self.counts["requests"] += 1
            status = answer.status
            if status in ("conn", "timeout"):
                self.counts[status] += 1
                return
            self.counts[f"{status // 100}xx"] += 1
            self.counts[status] += 1
            if status >= 400:
                code = (answer.json() or {}).get("code", "") if answer.body.startswith("{") else ""
                self.by_code[f"{status} {code}".strip()] += 1
            # a 5xx other than 503 fails the suite; a 404 or 409 means an acknowledged write was not yet visible
            if status in (404, 409) or (status >= 500 and status != 503):
                if len(self.evidence) < 20:
                    self.evidence.append(f"{datetime.now().strftime('%H:%M:%S.%f')[:-3]} {what} -> {status} "
                                         f"{answer.headers.get('X-Request-Id', '')} {answer.body[:300]}")


class Load:
    """THREADS threads sending a mix of writes, reads, logins and refreshes to both instances until stopped."""

    def __init__(self, world, tally, instances_up):
        self.world, self.tally, self.instances_up = world, tally, instances_up
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.work, args=(n,), daemon=True) for n in range(THREADS)]
        self.wrong_logins = 0

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=REQUEST_TIMEOUT + 10)

    def work(self, number):
        rng = random.Random(number * 7919 + int(time.time()))
        world = self.world
        refresh = {}
        deadline = time.time() + 900
        while not self.stopping.is_set() and time.time() < deadline:
            instance = rng.choice("AB")
            tenant = rng.choice(world.tenants)
            roll = rng.random()
            if roll < 0.30:
                email = f"w-{uuid.uuid4().hex[:12]}@{tenant['slug']}.test"
                answer = call(instance, "POST", "/api/v1/users",
                              {"email": email, "password": PASSWORD, "displayName": "Written under load"},
                              world.token(tenant))
                self.tally.add(f"POST /users on {instance}", answer)
                if answer.status == 201:
                    user = answer.json()["id"]
                    world.acknowledge(tenant, user)
                    if rng.random() < 0.3:
                        other = rng.choice("AB")
                        self.tally.add(f"PUT /users/{user}/roles/auditor on {other}",
                                       call(other, "PUT", f"/api/v1/users/{user}/roles/auditor", token=world.token(tenant)))
            elif roll < 0.55:
                self.tally.add(f"GET /users/me on {instance}",
                               call(instance, "GET", "/api/v1/users/me", token=world.token(tenant)))
            elif roll < 0.75:
                self.tally.add(f"GET /users?limit=20 on {instance}",
                               call(instance, "GET", "/api/v1/users?limit=20", token=world.token(tenant)))
            elif roll < 0.88:
                wrong = self.wrong_logins < 6 and rng.random() < 0.2
                if wrong:
                    self.wrong_logins += 1
                account = tenant["wrong"] if wrong else tenant["member"]
                answer = login(instance, tenant["slug"], account, "not the password" if wrong else PASSWORD)
                self.tally.add(f"POST /auth/login on {instance}", answer)
                if answer.status == 200:
                    refresh[tenant["slug"]] = answer.json()["refreshToken"]
            else:
                token = refresh.pop(tenant["slug"], None)
                if token is None:
                    continue
                answer = call(instance, "POST", "/api/v1/auth/refresh", {"refreshToken": token})
                self.tally.add(f"POST /auth/refresh on {instance}", answer)
                if answer.status == 200:
                    refresh[tenant["slug"]] = answer.json()["refreshToken"]


class World:
    """The test tenants, their admins' tokens and every acknowledged write."""

    def __init__(self):
        self.lock = threading.Lock()
        self.tenants = []
        self.acknowledged = {}
        self.admin_token = None

    def setup(self):
        self.admin_token = must(login("A", "platform", "admin@platform.local", ADMIN_PASSWORD), 200, "admin login")["accessToken"]
        run_id = uuid.uuid4().hex[:6]
        for n in (1, 2):
            slug = f"faults-{run_id}-{n}"
            created = must(call("A", "POST", "/api/v1/tenants", {
                "slug": slug, "name": f"Fault suite {n}", "selfRegistration": False,
                "admin": {"email": f"boss@{slug}.test", "password": PASSWORD, "displayName": "Boss"}},
                self.admin_token), 201, "create tenant")
            tenant = {"slug": slug, "id": created["tenant"]["id"], "boss": f"boss@{slug}.test",
                      "member": f"member@{slug}.test", "wrong": f"wrong@{slug}.test"}
            tenant["token"] = must(login("A", slug, tenant["boss"]), 200, "boss login")["accessToken"]
            for account in ("member", "wrong", "order-1", "order-2"):
                email = tenant.get(account, f"{account}@{slug}.test")
                user = must(call("A", "POST", "/api/v1/users", {"email": email, "password": PASSWORD, "displayName": account},
                                 tenant["token"]), 201, "create user")
                tenant[account + "-id"] = user["id"]
            self.tenants.append(tenant)
            self.acknowledged[slug] = []
        log(f"tenants {', '.join(t['slug'] for t in self.tenants)} ready")

    def token(self, tenant):
        return tenant["token"]

    def refresh_tokens(self):
        """New access tokens for the next phase (they live 15 minutes)."""
        for instance in ("A", "B", "A", "B"):
            answer = login(instance, "platform", "admin@platform.local", ADMIN_PASSWORD)
            if answer.status == 200:
                self.admin_token = answer.json()["accessToken"]
                break
        for tenant in self.tenants:
            for instance in ("A", "B", "A", "B"):
                answer = login(instance, tenant["slug"], tenant["boss"])
                if answer.status == 200:
                    tenant["token"] = answer.json()["accessToken"]
                    break

    def acknowledge(self, tenant, user):
        with self.lock:
            self.acknowledged[tenant["slug"]].append(user)

    def acknowledged_count(self):
        with self.lock:
            return sum(len(users) for users in self.acknowledged.values())


# --- catch-up --------------------------------------------------------------------------------------------

def processors(world):
    for instance in ("B", "A"):
        answer = call(instance, "GET", "/api/v1/admin/projections", token=world.admin_token, timeout=5)
        if answer.status == 401:
            world.refresh_tokens()
        if answer.status == 200 and isinstance(answer.json(), list):
            return answer.json()
    return None


def await_caught_up(world, since, limit=CATCH_UP_LIMIT):
    """Seconds from `since` (the fault's end) until every processor, none replaying, has processed everything
    stored by then: its position reaches the head first seen after `since`. None if not within the limit.
    (Under a steady load the lag itself is rarely 0 for all five processors in one sample.)"""
    last, target = None, None
    while time.time() - since < limit:
        status = processors(world)
        if status:
            target = target if target is not None else max(p["head"] for p in status)
            last = {p["name"]: p["position"] for p in status}
            if all(p["position"] >= target and not p["replaying"] for p in status):
                return time.time() - since
        time.sleep(0.5)
    log(f"not caught up with position {target} after {limit:.0f} s: {last}")
    return None


def await_idle(world, limit=CATCH_UP_LIMIT):
    """Once the load has stopped: until every processor's lag is 0."""
    deadline = time.time() + limit
    while time.time() < deadline:
        status = processors(world)
        if status and all(p["lag"] == 0 and not p["replaying"] for p in status):
            return True
        time.sleep(0.5)
    log(f"processors still behind after {limit:.0f} s without load: {status}")
    return False


# --- phases ----------------------------------------------------------------------------------------------

def baseline(world, instances, tally):
    time.sleep(BASELINE_SECONDS)
    return time.time()


def kill(world, instances, tally):
    """kill -9 of A; catch-up is counted from the kill, while A starts again: B takes over A's segments once
    their claims expire."""
    time.sleep(5)
    instances.kill("A")
    killed_at = time.time()
    time.sleep(DOWN["kill"])
    instances.start("A")
    world.catch_up_from_fault = await_caught_up(world, killed_at)
    instances.await_ready("A")
    return time.time()


def outage(name):
    def phase(world, instances, tally):
        stop, start = FAULTS[name]
        time.sleep(5)
        log(f"stopping {name} for {DOWN[name]:.0f} s")
        stop()
        time.sleep(DOWN[name])
        log(f"starting {name}")
        start()
        return time.time()
    return phase


def order(world, instances, tally):
    """Pairs of raw events committed in reverse order of their global positions, as two instances do."""
    tenant = world.tenants[0]
    rounds = []
    for round_number in range(ORDER_ROUNDS):
        slow = Transaction("faults-order-slow")
        fast = Transaction("faults-order-fast")
        try:
            first = slow.insert_login_failed(tenant, tenant["order-1-id"])
            second = fast.insert_login_failed(tenant, tenant["order-2-id"])
            fast.commit()
            if not await_audit(second, 30):
                log(f"round {round_number}: audit never showed {second}")
            slow.commit()
            rounds.append((first, second))
        finally:
            slow.close()
            fast.close()
    world.order_events = [event for pair in rounds for event in pair]
    pairs = ",".join(f"('{first}','{second}')" for first, second in rounds) or "(NULL,NULL)"
    inverted = psql(f"SELECT count(*) FROM (VALUES {pairs}) p(first, second) JOIN domain_event_entry f ON "
                    "f.event_identifier = p.first JOIN domain_event_entry s ON s.event_identifier = p.second "
                    "WHERE f.global_index < s.global_index")
    log(f"order: {inverted} of {ORDER_ROUNDS} pairs committed after a later position")
    return time.time()


class Transaction:
    """One psql session kept open inside a transaction."""

    def __init__(self, app):
        self.app = app
        self.process = subprocess.Popen(
            ["psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", DATABASE],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env=dict(os.environ, PGAPPNAME=app))
        self.send("BEGIN;")

    def send(self, sql):
        self.process.stdin.write(sql + "\n")
        self.process.stdin.flush()

    def insert_login_failed(self, tenant, user):
        event = str(uuid.uuid4())
        payload = json.dumps({"userId": user, "tenantId": tenant["id"], "clientIp": "192.0.2.7"})
        metadata = json.dumps({"actor": "system", "tenantId": tenant["id"], "requestId": "faults-" + event,
                               "correlationId": "faults-" + event})
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        self.send(f"""INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
            event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp)
            SELECT nextval('domain_event_entry_seq'), '{user}', max(sequence_number) + 1, 'User', '{event}',
                'dev.identity.events.user.LoginFailed', '1', convert_to('{payload}', 'UTF8'),
                convert_to('{metadata}', 'UTF8'), '{stamp}'
            FROM domain_event_entry WHERE aggregate_identifier = '{user}';""")
        self.await_idle_in_transaction()
        return event

    def await_idle_in_transaction(self):
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"psql {self.app} ended: {self.process.stderr.read()}")
            if psql(f"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{self.app}' "
                    "AND state = 'idle in transaction' AND backend_xid IS NOT NULL") == "1":
                return
            time.sleep(0.05)
        raise RuntimeError(f"psql {self.app} did not finish its insert")

    def commit(self):
        self.send("COMMIT;")
        deadline = time.time() + 30
        while time.time() < deadline and psql(
                f"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{self.app}' AND state <> 'idle'") != "0":
            time.sleep(0.05)

    def close(self):
        try:
            self.process.stdin.close()
            self.process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
        if self.process.returncode not in (0, None):
            raise RuntimeError(f"psql {self.app} failed: {self.process.stderr.read()}")


def await_audit(event, limit):
    deadline = time.time() + limit
    while time.time() < deadline:
        if psql(f"SELECT count(*) FROM audit_events WHERE event_id = '{event}'") == "1":
            return True
        time.sleep(0.1)
    return False


def sql_array(values):
    return "ARRAY[" + ",".join(f"'{v}'" for v in values) + "]::text[]" if values else "ARRAY[]::text[]"


PHASE_FUNCTIONS = {"baseline": baseline, "kill": kill, "kafka": outage("kafka"), "redis": outage("redis"),
                   "postgres": outage("postgres"), "order": order}
DESTRUCTIVE = {"kafka", "redis", "postgres"}


def run_phase(name, world, instances):
    if name in DESTRUCTIVE and GO_FILE and not os.path.exists(GO_FILE):
        raise SystemExit(f"{GO_FILE} is missing: not stopping {name}")
    world.refresh_tokens()
    tally = Tally()
    log(f"phase {name}: load on A and B")
    with Load(world, tally, instances):
        fault_end = PHASE_FUNCTIONS[name](world, instances, tally)
        log(f"phase {name}: fault over, load goes on until every processor has caught up")
        catch_up = (world.__dict__.pop("catch_up_from_fault") if "catch_up_from_fault" in world.__dict__
                    else await_caught_up(world, fault_end))
        time.sleep(max(0.0, fault_end + 5 - time.time()))
    await_idle(world)
    log(f"phase {name}: {dict(tally.counts)}; catch-up {catch_up if catch_up is None else round(catch_up, 1)} s")
    return tally, catch_up


# --- checks ----------------------------------------------------------------------------------------------

def check(world):
    results = {}
    ids = [(slug, user) for slug, users in world.acknowledged.items() for user in users]
    rows = "\n".join(f"{slug}\t{user}" for slug, user in ids)
    lost = psql("CREATE TEMP TABLE acked (slug text, id text);\nCOPY acked FROM STDIN;\n" + rows + "\n\\.\n"
                "SELECT count(*) FILTER (WHERE u.id IS NULL), count(*) FILTER (WHERE e.event_identifier IS NULL) "
                "FROM acked a LEFT JOIN users u ON u.id = a.id LEFT JOIN domain_event_entry e ON "
                "e.aggregate_identifier = a.id AND e.sequence_number = 0 AND "
                "e.payload_type = 'dev.identity.events.user.UserRegistered';\n", script=True).split("|")
    results["acknowledged"] = len(ids)
    results["lost_rows"], results["lost_events"] = int(lost[0]), int(lost[1])

    counts = []
    for tenant in world.tenants:
        stats, rows_count, registered = psql(
            f"SELECT (SELECT user_count FROM tenant_stats WHERE tenant_id = '{tenant['id']}'), "
            f"(SELECT count(*) FROM users WHERE tenant_id = '{tenant['id']}'), "
            f"(SELECT count(*) FROM domain_event_entry WHERE payload_type = 'dev.identity.events.user.UserRegistered' "
            f"AND convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = '{tenant['id']}')").split("|")
        counts.append((tenant["slug"], int(stats), int(rows_count), int(registered)))
    results["tenant_counts"] = counts

    missing, misplaced = psql(
        "SELECT (SELECT count(*) FROM domain_event_entry e WHERE NOT EXISTS (SELECT 1 FROM audit_events a "
        "WHERE a.global_position = e.global_index AND a.event_id = e.event_identifier) AND NOT EXISTS "
        "(SELECT 1 FROM dead_letter_evictions d WHERE d.processor = 'audit' AND d.event_id = e.event_identifier)), "
        "(SELECT count(*) FROM audit_events a JOIN domain_event_entry e ON e.event_identifier = a.event_id "
        "WHERE e.global_index <> a.global_position)").split("|")
    results["audit_missing"], results["audit_misplaced"] = int(missing), int(misplaced)
    results["events"] = int(psql("SELECT count(*) FROM domain_event_entry"))
    order_events = getattr(world, "order_events", [])
    results["order_events"] = len(order_events)
    if order_events:
        results["order_missing"] = int(psql(
            f"SELECT {len(order_events)} - count(*) FROM audit_events a JOIN domain_event_entry e ON "
            f"e.event_identifier = a.event_id AND e.global_index = a.global_position "
            f"WHERE a.event_id = ANY({sql_array(order_events)})"))

    results["kafka_expected"], results["kafka_missing"] = kafka_check(world)

    dead = call("B", "GET", "/api/v1/admin/dead-letters", token=world.admin_token)
    listing = dead.json() if dead.status == 200 else None
    results["dead_letters"] = sum(listing["counts"].values()) if listing else f"unknown ({dead.status})"
    return results


def kafka_check(world):
    """Every event of the test tenants on the topic at least once: (expected, missing)."""
    tenant_ids = {t["id"] for t in world.tenants}
    expected = set(psql(
        "SELECT event_identifier FROM domain_event_entry WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' "
        f"IN ({','.join(repr(t) for t in tenant_ids)})").split())
    seen = set()
    log(f"reading identity.events.v1 from the beginning for {len(expected)} events")
    consumer = subprocess.Popen(
        ["java", "-Xmx256m", f"-Dlog4j.configuration=file:{ROOT}/scripts/kafka/tools-log4j.properties",
         "-cp", kafka_libs() + "/*", "org.apache.kafka.tools.consumer.ConsoleConsumer",
         "--bootstrap-server", "127.0.0.1:9092", "--topic", os.environ.get("IDENTITY_STREAM_TOPIC", "identity.events.v1"),
         "--from-beginning", "--timeout-ms", "15000"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    timer = threading.Timer(float(os.environ.get("KAFKA_READ_LIMIT", "240")), consumer.kill)
    timer.start()
    try:
        for line in consumer.stdout:
            if '"tenantId"' not in line:
                continue
            try:
                envelope = json.loads(line)
            except ValueError:
                continue
            if envelope.get("tenantId") in tenant_ids:
                seen.add(envelope.get("eventId"))
                if expected <= seen:
                    consumer.kill()
                    break
    finally:
        timer.cancel()
        consumer.kill()
        consumer.wait()
    return len(expected), len(expected - seen)


# --- the table -------------------------------------------------------------------------------------------

def table(phases, results, world):
    out = []
    out.append(f"Fault suite: instances A :{PORTS['A']} and B :{PORTS['B']}, database {DATABASE}, {THREADS} load threads, "
               f"{os.cpu_count()} cores; outages kafka {DOWN['kafka']:.0f} s, redis {DOWN['redis']:.0f} s, "
               f"postgres {DOWN['postgres']:.0f} s, kill -9 of A for {DOWN['kill']:.0f} s")
    out.append("")
    out.append("| phase | requests | 2xx | 4xx (429 too) | 429 | 503 | 500 | conn. errors | timeouts | catch-up s | answers other than 2xx |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, (tally, catch_up) in phases.items():
        c = tally.counts
        detail = ", ".join(f"{code}: {n}" for code, n in sorted(tally.by_code.items()))
        out.append(f"| {name} | {c['requests']} | {c['2xx']} | {c['4xx']} | {c[429]} | {c[503]} | {c[500]} | {c['conn']} | "
                   f"{c['timeout']} | {'not within %d s' % CATCH_UP_LIMIT if catch_up is None else '%.1f' % catch_up} | "
                   f"{detail or '-'} |")
    out.append("")
    out.append("| check | result |")
    out.append("|---|---|")
    out.append(f"| acknowledged writes (201 of POST /users) / lost (no users row; no UserRegistered) | "
               f"{results['acknowledged']} / {results['lost_rows']}; {results['lost_events']} |")
    counts_ok = all(stats == rows == registered for _, stats, rows, registered in results["tenant_counts"])
    out.append(f"| tenant counts: tenant_stats = users rows = UserRegistered events | "
               f"{'ok' if counts_ok else 'MISMATCH'}: " +
               "; ".join(f"{slug} {stats} = {rows} = {registered}" for slug, stats, rows, registered in results["tenant_counts"]) + " |")
    out.append(f"| audit rows missing (of {results['events']} events) / at another position | "
               f"{results['audit_missing']} / {results['audit_misplaced']} |")
    if results["order_events"]:
        out.append(f"| out-of-order commits: events / missing from the audit trail at their position | "
                   f"{results['order_events']} / {results['order_missing']} |")
    out.append(f"| Kafka: events of the test tenants / missing from identity.events.v1 | "
               f"{results['kafka_expected']} / {results['kafka_missing']} |")
    out.append(f"| dead letters | {results['dead_letters']} |")
    evidence = [line for tally, _ in phases.values() for line in tally.evidence]
    failed = (any(isinstance(s, int) and s >= 500 and s != 503 and n for t, _ in phases.values()
                  for s, n in t.counts.items()) or results["lost_rows"] or results["lost_events"] or not counts_ok
              or results["audit_missing"] or results["audit_misplaced"] or results.get("order_missing")
              or results["kafka_missing"] or results["dead_letters"] != 0)
    if evidence:
        out.append("")
        out.append("Answers 404, 409 and 5xx other than 503 (time, request, status, X-Request-Id, body):")
        out.extend("  " + line for line in evidence)
    out.append("")
    out.append("RESULT: " + ("FAILED" if failed else "passed"))
    print("\n".join(out), flush=True)
    return 1 if failed else 0


def main():
    unknown = [p for p in PHASES if p not in PHASE_FUNCTIONS]
    if unknown:
        raise SystemExit(f"unknown phases {unknown}; known: {', '.join(PHASE_FUNCTIONS)}")
    remember_services()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    instances = Instances()
    try:
        instances.start("A")
        instances.await_ready("A")
        instances.start("B")
        instances.await_ready("B")
        world = World()
        world.setup()
        phases = {}
        for name in PHASES:
            phases[name] = run_phase(name, world, instances)
        world.refresh_tokens()
        await_idle(world)
        log("checking the database, the topic and the dead letters")
        return table(phases, check(world), world)
    finally:
        try:
            services_up()
        finally:
            instances.stop_all()


if __name__ == "__main__":
    if sys.argv[1:] == ["restore"]:
        if os.path.exists(SERVICES_FILE):
            with open(SERVICES_FILE) as f:
                SERVICES.update(json.load(f))
            services_up()
        sys.exit(0)
    sys.exit(main())
