#!/usr/bin/env python3
"""Latency and throughput of writes that do no password hashing, against one running gateway (stdlib only).

Usage: write_latency.py BASE_URL[,BASE_URL...] ADMIN_PASSWORD SEQUENTIAL CLIENTS SECONDS [POOL] [WARMUP]
With several base URLs (instances of one deployment), setup and the sequential writes go to the first, and the
concurrent clients are dealt round them.
Seeds a tenant with POOL (default 20) users for the sequential writes and one user per client, then:
  - warms up: the concurrent load below for WARMUP seconds (default 60), printing the rate every 10 s and,
    with GATEWAY_PID, how much the JIT compiled meanwhile (a young JVM measures its compiler, not the gateway);
  - SEQUENTIAL role assignments/revocations (PUT/DELETE /users/{id}/roles/auditor), one at a time;
  - SEQUENTIAL deactivations/reactivations (POST /users/{id}/deactivate, /reactivate), one at a time;
  (both go round the pool, two writes per user in a row);
  - CLIENTS concurrent clients for SECONDS, each cycling assign, revoke, deactivate, reactivate on a user of
    its own (so no two clients write the same aggregate).
Prints one JSON object: p50/p99 in ms of each, writes/s and p50/p99 under load, and any non-2xx answer.
With GATEWAY_PID (pids, comma-separated) and BENCH_DATABASE set, also the CPU time per write under load of the
gateways' JVMs and of the PostgreSQL backends connected to that database (from /proc: on a shared machine, a
figure that other processes' load does not change), and the JIT's compiling seconds during the measured load.
"""
import os
import subprocess
import http.client
import json
import math
import statistics
import sys
import threading
import time
import urllib.parse

base, admin_password, sequential, clients, seconds = sys.argv[1:6]
sequential, clients, seconds = int(sequential), int(clients), float(seconds)
pool = int(sys.argv[6]) if len(sys.argv) > 6 else 20
warmup = float(sys.argv[7]) if len(sys.argv) > 7 else 60
urls = [urllib.parse.urlparse(each) for each in base.split(",")]


class Client:
    """One keep-alive HTTP connection, as a real API client would hold."""

    def __init__(self, token=None, instance=0):
        self.url = urls[instance % len(urls)]
        self.connection = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=60)
        self.token = token

    def call(self, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None if body is None else json.dumps(body)
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=60)
            raise
        return response.status, (json.loads(text) if text.startswith("{") else text)


def ok(answer, what):
    status, body = answer
    if status // 100 != 2:
        raise SystemExit(f"{what}: {status} {body}")
    return body


def percentile(values, p):
    """Nearest rank."""
    values = sorted(values)
    return values[max(0, math.ceil(p / 100 * len(values)) - 1)]


anonymous = Client()
admin = ok(anonymous.call("POST", "/api/v1/auth/login", {"tenant": "platform", "email": "admin@platform.local",
                                                         "password": admin_password}), "platform login")["accessToken"]
slug = f"wl-{time.time_ns() % 10**10}"
ok(Client(admin).call("POST", "/api/v1/tenants", {
    "slug": slug, "name": "Write latency", "selfRegistration": False,
    "admin": {"email": f"boss@{slug}.test", "password": "benchmark password", "displayName": "Boss"}}), "tenant")
boss_token = ok(anonymous.call("POST", "/api/v1/auth/login", {"tenant": slug, "email": f"boss@{slug}.test",
                                                              "password": "benchmark password"}), "login")["accessToken"]
boss = Client(boss_token)
users = [ok(boss.call("POST", "/api/v1/users", {"email": f"u{n}@{slug}.test", "password": "benchmark password",
                                                "displayName": f"User {n}"}), "user")["id"]
         for n in range(pool + clients)]
sequential_users, load_users = users[:pool], users[pool:]

ROLE = ("PUT", "/api/v1/users/{}/roles/auditor"), ("DELETE", "/api/v1/users/{}/roles/auditor")
STATUS = ("POST", "/api/v1/users/{}/deactivate"), ("POST", "/api/v1/users/{}/reactivate")


def timed(client, method, path):
    started = time.perf_counter()
    status, body = client.call(method, path)
    return (time.perf_counter() - started) * 1000, status, body


def sequence(operations, count):
    """Round the pool; each user gets the operations in order (assign then revoke; deactivate then reactivate).
    A connection of its own: the warm-up outlasts the server's keep-alive of an idle one."""
    client = Client(boss_token)
    millis = []
    for k in range(count):
        method, path = operations[k % len(operations)]
        user = sequential_users[(k // len(operations)) % len(sequential_users)]
        took, status, body = timed(client, method, path.format(user))
        if status != 200:
            raise SystemExit(f"{method} {path}: {status} {body}")
        millis.append(took)
    return millis


def load(n, stop, loaded, failures, lock):
    client = Client(boss_token, n)
    cycle = ROLE + STATUS
    k = 0
    while not stop.is_set():
        method, path = cycle[k % len(cycle)]
        try:
            took, code, body = timed(client, method, path.format(load_users[n]))
        except (http.client.HTTPException, OSError) as error:
            code, took, body = type(error).__name__, None, None
        if code == 200:
            loaded.append(took)
            k += 1
        else:
            with lock:
                key = f"{code} {body.get('code') if isinstance(body, dict) else ''}".strip()
                failures[key] = failures.get(key, 0) + 1


def concurrent(seconds, every=None, progress=None):
    """CLIENTS clients writing for SECONDS; calls progress(writes so far) every EVERY seconds. Returns the
    latencies, the failures and the elapsed time."""
    stop, lock, failures = threading.Event(), threading.Lock(), {}
    loaded = [[] for _ in range(clients)]
    threads = [threading.Thread(target=load, args=(n, stop, loaded[n], failures, lock)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    while (left := seconds - (time.perf_counter() - started)) > 0:
        time.sleep(min(left, every or left))
        if progress and time.perf_counter() - started < seconds:
            progress(sum(len(each) for each in loaded))
    stop.set()
    for thread in threads:
        thread.join()
    return [took for each in loaded for took in each], failures, time.perf_counter() - started


gateway_pids = [int(pid) for pid in os.environ.get("GATEWAY_PID", "").split(",") if pid]


def compiled(pids):
    """Methods the JIT has compiled so far and its seconds spent compiling, summed over the gateways (jstat)."""
    count, seconds = 0, 0.0
    for pid in pids:
        out = subprocess.run(["jstat", "-compiler", str(pid)], capture_output=True, text=True).stdout.split("\n")
        if len(out) > 1 and out[1].split():
            fields = out[1].split()
            count, seconds = count + int(fields[0]), seconds + float(fields[3])
    return count, seconds


# The JVM compiles Spring's, Axon's, Kafka's and the gateway's hot methods for minutes after it starts (tens of
# thousands of methods; on two cores the compiler threads take most of the CPU at first): figures taken
# before that settles measure the JIT. The warm-up runs the concurrent load and reports the JIT as it goes.
print(f"  warming up: {clients} concurrent clients for {warmup:.0f} s ...", file=sys.stderr)
last = {"writes": 0, "at": time.perf_counter(), "jit": compiled(gateway_pids)}


def warm_progress(writes):
    now, jit = time.perf_counter(), compiled(gateway_pids)
    rate = (writes - last["writes"]) / (now - last["at"])
    line = f"    {writes} writes, {rate:.0f}/s"
    if gateway_pids:
        line += (f"; JIT {jit[0] - last['jit'][0]} methods, {jit[1] - last['jit'][1]:.1f} s compiling "
                 f"in the last {now - last['at']:.0f} s")
    print(line, file=sys.stderr)
    last.update(writes=writes, at=now, jit=jit)


concurrent(warmup, 10, warm_progress)
print(f"  {sequential} role assignments/revocations, one at a time ...", file=sys.stderr)
role = sequence(ROLE, sequential)
print(f"  {sequential} deactivations/reactivations, one at a time ...", file=sys.stderr)
status = sequence(STATUS, sequential)


def backends():
    database = os.environ.get("BENCH_DATABASE")
    if not database:
        return []
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atc",
                          f"SELECT pid FROM pg_stat_activity WHERE datname = '{database}'"],
                         capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def cpu_seconds(pids):
    """utime + stime of each process still there, by pid."""
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            seconds[pid] = (int(fields[11]) + int(fields[12])) / ticks
        except (OSError, IndexError, ValueError):
            pass
    return seconds


print(f"  {clients} concurrent clients for {seconds:.0f} s ...", file=sys.stderr)
postgres_before = cpu_seconds(backends())
gateway_before = cpu_seconds(gateway_pids)
jit_before = compiled(gateway_pids)
under_load, failures, elapsed = concurrent(seconds)
gateway_after = cpu_seconds(gateway_pids)
postgres_after = cpu_seconds(postgres_before)
jit_after = compiled(gateway_pids)
gateway_cpu = sum(gateway_after[pid] - gateway_before[pid] for pid in gateway_after)
postgres_cpu = sum(postgres_after[pid] - postgres_before[pid] for pid in postgres_after)

print(json.dumps({
    "role_p50": percentile(role, 50), "role_p99": percentile(role, 99),
    "status_p50": percentile(status, 50), "status_p99": percentile(status, 99),
    "sequential_mean": statistics.mean(role + status),
    "load_writes_per_second": len(under_load) / elapsed,
    "load_p50": percentile(under_load, 50), "load_p99": percentile(under_load, 99),
    "gateway_cpu_ms_per_write": gateway_cpu * 1000 / len(under_load) if gateway_pids else None,
    "postgres_cpu_ms_per_write": postgres_cpu * 1000 / len(under_load) if postgres_before else None,
    "jit_seconds_under_load": jit_after[1] - jit_before[1] if gateway_pids else None,
    "failures": failures,
}))
