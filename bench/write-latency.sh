#!/usr/bin/env bash
#
# bench/write-latency.sh — latency and throughput of writes that do no password hashing (role assignment and
# revocation, deactivation and reactivation), before and after: the gateway built from BASE_REF (default
# c20c7fd, read-your-writes by polling) and from this checkout, each run in turn on this machine against the
# same services. Needs no running gateway: each jar gets a fresh database of its own (BENCH_DATABASE, default
# identity_bench; dropped and created), a Kafka topic of its own, the machine's Redis, port PORT (8097).
#
# Per jar: a tenant with POOL (20) users for the sequential writes and one per client, WARMUP_SECONDS (60) of
# the concurrent load to warm up (the JIT's progress printed), then SEQUENTIAL (300) role writes and SEQUENTIAL
# status writes one at a time, round the pool (p50, p99), then CLIENTS (16) concurrent clients for
# LOAD_SECONDS (20), each on a user of its own (writes/s, p50, p99).
# ROUNDS (1) repeats the before/after pair; the table shows the median of the rounds, with ratios.
# The base is built once into BASE_DIR (default /tmp/base, a git worktree); this checkout is built unless
# SKIP_BUILD=1. Do not run it while tests run: both share the two cores.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
base_ref="${BASE_REF:-c20c7fd}"
base_dir="${BASE_DIR:-/tmp/base}"
database="${BENCH_DATABASE:-identity_bench}"
port="${PORT:-8097}"
rounds="${ROUNDS:-1}"
sequential="${SEQUENTIAL:-300}"
clients="${CLIENTS:-16}"
pool="${POOL:-20}"
seconds="${LOAD_SECONDS:-20}"
warmup="${WARMUP_SECONDS:-60}"
pg_host="${PGHOST:-127.0.0.1}"; pg_port="${PGPORT:-5432}"; pg_user="${PGUSER:-postgres}"
work=$(mktemp -d)
gateway=""
cleanup() { [[ -n "$gateway" ]] && { kill "$gateway" 2>/dev/null; wait "$gateway" 2>/dev/null || true; }; rm -rf "$work"; }
trap cleanup EXIT

if [[ ! -f "$base_dir/api-gateway/target/identity-gateway.jar" ]]; then
  [[ -d "$base_dir" ]] || git worktree add --detach "$base_dir" "$base_ref" >&2
  echo "Building the base ($base_ref) in $base_dir ..." >&2
  (cd "$base_dir" && ./mvnw -B -q -DskipTests package) >&2
fi
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "Building this checkout ($(git rev-parse --short HEAD)) ..." >&2
  ./mvnw -B -q -DskipTests package >&2
fi
base_jar="$base_dir/api-gateway/target/identity-gateway.jar"
this_jar="$root/api-gateway/target/identity-gateway.jar"

admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null

run() { # label, jar -> prints the client's JSON
  local label=$1 jar=$2
  psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS $database" \
    -c "CREATE DATABASE $database" >/dev/null
  echo "[$label] starting $jar on :$port (log $work/$label.log) ..." >&2
  DATABASE_URL="jdbc:postgresql://$pg_host:$pg_port/$database" DATABASE_USER="$pg_user" \
    IDENTITY_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" IDENTITY_JWT_SIGNING_KEY="$(cat "$work/key.pem")" \
    IDENTITY_STREAM_TOPIC="identity.bench-$database.v1" \
    java @scripts/gateway.jvm ${JAVA_OPTS:-} -jar "$jar" --server.port="$port" > "$work/$label.log" 2>&1 &
  gateway=$!
  for _ in $(seq 1 180); do
    kill -0 "$gateway" 2>/dev/null || { tail -n 30 "$work/$label.log" >&2; echo "[$label] did not start" >&2; exit 1; }
    curl -fs "http://localhost:$port/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 1
  done
  GATEWAY_PID=$gateway BENCH_DATABASE=$database \
    python3 bench/write_latency.py "http://localhost:$port" "$admin_password" "$sequential" "$clients" "$seconds" "$pool" "$warmup"
  kill "$gateway"; wait "$gateway" 2>/dev/null || true; gateway=""
}

results="$work/results"
for round in $(seq 1 "$rounds"); do
  echo "before $(run "before-$round" "$base_jar")" >> "$results"
  echo "after $(run "after-$round" "$this_jar")" >> "$results"
done

python3 - "$results" "$base_ref" "$(git rev-parse --short HEAD)" "$sequential" "$clients" "$seconds" "$warmup" <<'PY'
import json, statistics, sys
path, base_ref, head, sequential, clients, seconds, warmup = sys.argv[1:8]
runs = {"before": [], "after": []}
for line in open(path):
    label, data = line.split(" ", 1)
    runs[label].append(json.loads(data))
rows = [("role assign/revoke, sequential: p50", "role_p50", "ms"), ("role assign/revoke, sequential: p99", "role_p99", "ms"),
        ("deactivate/reactivate, sequential: p50", "status_p50", "ms"),
        ("deactivate/reactivate, sequential: p99", "status_p99", "ms"),
        (f"{clients} clients, {seconds} s: writes/s", "load_writes_per_second", "/s"),
        (f"{clients} clients: p50", "load_p50", "ms"), (f"{clients} clients: p99", "load_p99", "ms"),
        (f"{clients} clients: gateway CPU per write", "gateway_cpu_ms_per_write", "ms"),
        (f"{clients} clients: PostgreSQL CPU per write (its backends)", "postgres_cpu_ms_per_write", "ms"),
        (f"{clients} clients: the JIT's compiling meanwhile", "jit_seconds_under_load", "s")]
print(f"\nWrites without hashing, one instance, after a {warmup} s warm-up: {sequential} sequential of each kind, "
      f"then {clients} clients for {seconds} s ({len(runs['after'])} round(s); median of rounds)")
print(f"| measurement | before ({base_ref}) | after ({head}) | after / before |")
print("|---|---|---|---|")
for name, key, unit in rows:
    before = statistics.median(run[key] for run in runs["before"])
    after = statistics.median(run[key] for run in runs["after"])
    fmt = {"/s": lambda v: f"{v:.0f}/s", "s": lambda v: f"{v:.1f} s"}.get(unit, lambda v: f"{v:.2f} ms")
    print(f"| {name} | {fmt(before)} | {fmt(after)} | {f'{after / before:.2f}' if before else '-'} |")
for label in ("before", "after"):
    for n, run in enumerate(runs[label], 1):
        if run["failures"]:
            print(f"{label} round {n}: answers other than 200 under load: {run['failures']}")
PY
