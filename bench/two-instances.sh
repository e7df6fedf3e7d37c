#!/usr/bin/env bash
#
# bench/two-instances.sh — the write rate of one instance against two instances of this checkout, on this
# machine and its services, in one run: bench/write_latency.py first with its clients all on instance A
# (alone), then with a second instance B started next to it and the clients dealt round A and B. Both share
# a fresh database (BENCH_DATABASE, default identity_bench2; dropped and created), a Kafka topic of their own,
# the machine's Redis, ports PORT (8097) and PORT+1. Each measurement is the second of two runs (the first warms
# the JVMs up, the second instance's above all). Before the second measurement it waits SHARE_WAIT
# seconds (30) for the instances to share the processors' segments (ADR 0007) and prints who owns what.
# CLIENTS (16) for LOAD_SECONDS (20) each; SEQUENTIAL (100) sequential writes through A as a warm-up and
# latency check. Builds this checkout unless SKIP_BUILD=1. On one machine both instances share its cores: the
# ratio says what a second instance costs and gives here, not what a second machine would.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
database="${BENCH_DATABASE:-identity_bench2}"
port="${PORT:-8097}"
clients="${CLIENTS:-16}"
seconds="${LOAD_SECONDS:-20}"
sequential="${SEQUENTIAL:-100}"
share_wait="${SHARE_WAIT:-30}"
pg_host="${PGHOST:-127.0.0.1}"; pg_port="${PGPORT:-5432}"; pg_user="${PGUSER:-postgres}"
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

[[ "${SKIP_BUILD:-0}" == 1 ]] || { echo "Building this checkout ($(git rev-parse --short HEAD)) ..." >&2; ./mvnw -B -q -DskipTests package >&2; }
jar=api-gateway/target/identity-gateway.jar
admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS $database" \
  -c "CREATE DATABASE $database" >/dev/null
topic="identity.bench-$database-$(date +%s).v1"

start() { # name, port
  echo "[$1] starting on :$2 (log $work/$1.log) ..." >&2
  DATABASE_URL="jdbc:postgresql://$pg_host:$pg_port/$database" DATABASE_USER="$pg_user" \
    IDENTITY_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" IDENTITY_JWT_SIGNING_KEY="$(cat "$work/key.pem")" \
    IDENTITY_STREAM_TOPIC="$topic" java @scripts/gateway.jvm ${JAVA_OPTS:-} -jar "$jar" --server.port="$2" > "$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 180); do
    curl -fs "http://localhost:$2/actuator/health/readiness" >/dev/null 2>&1 && return
    sleep 1
  done
  tail -n 30 "$work/$1.log" >&2; echo "[$1] did not start" >&2; exit 1
}

measure() { # label, urls, pids -> the client's JSON of the second of two runs (the first warms the JVMs up)
  echo "[$1] warming up, then $clients clients for ${seconds}s ..." >&2
  python3 bench/write_latency.py "$2" "$admin_password" "$sequential" "$clients" "$seconds" >/dev/null
  GATEWAY_PID="$3" BENCH_DATABASE=$database python3 bench/write_latency.py "$2" "$admin_password" "$sequential" \
    "$clients" "$seconds"
}

start a "$port"
one=$(measure "one instance" "http://localhost:$port" "${pids[0]}")
start b "$((port + 1))"
echo "[two instances] waiting ${share_wait}s for the segments to be shared ..." >&2
sleep "$share_wait"
psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$database" -Atc \
  "SELECT processor_name || ' ' || segment || ': ' || coalesce(owner, '-') FROM token_entry ORDER BY 1" >&2
two=$(measure "two instances, clients dealt round A and B" "http://localhost:$port,http://localhost:$((port + 1))" \
  "${pids[0]},${pids[1]}")

python3 - "$one" "$two" "$clients" "$seconds" <<'PY'
import json, sys
one, two = json.loads(sys.argv[1]), json.loads(sys.argv[2])
clients, seconds = sys.argv[3:5]
print(f"\nWrites without hashing, {clients} clients for {seconds} s: one instance, then two on the same services")
print("| measurement | one instance | two instances | two / one |")
print("|---|---|---|---|")
for name, key, fmt in [("writes/s", "load_writes_per_second", "{:.0f}/s"), ("p50", "load_p50", "{:.2f} ms"),
                       ("p99", "load_p99", "{:.2f} ms"), ("gateway CPU per write (all instances)",
                        "gateway_cpu_ms_per_write", "{:.2f} ms"),
                       ("PostgreSQL CPU per write", "postgres_cpu_ms_per_write", "{:.2f} ms")]:
    print(f"| {name} | {fmt.format(one[key])} | {fmt.format(two[key])} | {two[key] / one[key]:.2f} |")
for label, run in (("one", one), ("two", two)):
    if run["failures"]:
        print(f"{label}: answers other than 200 under load: {run['failures']}")
PY
