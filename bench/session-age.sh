#!/usr/bin/env bash
#
# bench/session-age.sh — does a refresh cost more as its session ages? Starts the gateway built from this
# checkout on a fresh database (BENCH_DATABASE, default identity_bench; dropped and created), on port PORT
# (8097), with the machine's Redis and a Kafka topic of its own, warms up with WARMUP (2000) refreshes of
# another session, then refreshes one session REFRESHES (10000) times in a row and prints the p50/p99 of
# refreshes 2–101 against the last 100. Kafka must be running
# (scripts/kafka.sh start). SKIP_BUILD=1 reuses the built jar. Do not run it while tests run.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
database="${BENCH_DATABASE:-identity_bench}"
port="${PORT:-8097}"
refreshes="${REFRESHES:-10000}"
warmup="${WARMUP:-2000}"
pg_host="${PGHOST:-127.0.0.1}"; pg_port="${PGPORT:-5432}"; pg_user="${PGUSER:-postgres}"
work=$(mktemp -d)
gateway=""
cleanup() { [[ -n "$gateway" ]] && { kill "$gateway" 2>/dev/null; wait "$gateway" 2>/dev/null || true; }; rm -rf "$work"; }
trap cleanup EXIT

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "Building this checkout ($(git rev-parse --short HEAD)) ..." >&2
  ./mvnw -B -q -DskipTests package >&2
fi
admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS $database" \
  -c "CREATE DATABASE $database" >/dev/null
DATABASE_URL="jdbc:postgresql://$pg_host:$pg_port/$database" DATABASE_USER="$pg_user" \
  IDENTITY_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" IDENTITY_JWT_SIGNING_KEY="$(cat "$work/key.pem")" \
  IDENTITY_STREAM_TOPIC="identity.bench-$database.v1" \
  java @scripts/gateway.jvm ${JAVA_OPTS:-} -jar api-gateway/target/identity-gateway.jar --server.port="$port" > "$work/gateway.log" 2>&1 &
gateway=$!
for _ in $(seq 1 180); do
  kill -0 "$gateway" 2>/dev/null || { tail -n 30 "$work/gateway.log" >&2; echo "the gateway did not start" >&2; exit 1; }
  curl -fs "http://localhost:$port/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
echo "Refreshing one session $refreshes times ..." >&2
python3 bench/session_age.py "http://localhost:$port" "$admin_password" "$refreshes" 100 "$warmup" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("| refreshes 2-101 | last 100 of %d | last / first (p50) |" % r["refreshes"])
print("|---|---|---|")
print("| p50 %.2f ms, p99 %.2f ms | p50 %.2f ms, p99 %.2f ms | %.2f |" % (r["early_p50"], r["early_p99"],
      r["late_p50"], r["late_p99"], r["late_over_early_p50"]))'
