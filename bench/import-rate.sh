#!/usr/bin/env bash
#
# bench/import-rate.sh — bulk import for migrations: USERS (default 30,000) NDJSON lines with bcrypt hashes
# into a new tenant through POST /api/v1/admin/tenants/{id}/users:import, on a gateway of this checkout
# started on a fresh database (BENCH_DATABASE, default identity_import; dropped and created) and port PORT
# (8097), with the machine's Redis and the project's Kafka. Prints the report's summary line, the wall time,
# users/s, and the gateway's CPU seconds during the import (from /proc). Builds the jar unless SKIP_BUILD=1.
# Run it alone: it shares the two cores with anything else running.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
users="${USERS:-30000}"
database="${BENCH_DATABASE:-identity_import}"
port="${PORT:-8097}"
base="http://localhost:$port"
work=$(mktemp -d)
gateway=""
kafka_started_here=false
cleanup() {
  [[ -n "$gateway" ]] && { kill "$gateway" 2>/dev/null; wait "$gateway" 2>/dev/null || true; }
  if $kafka_started_here; then scripts/kafka.sh stop >/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

[[ "${SKIP_BUILD:-0}" == 1 ]] || ./mvnw -B -q -DskipTests package >&2
scripts/postgres.sh ensure "$database" --recreate >/dev/null
scripts/kafka.sh status >/dev/null 2>&1 || kafka_started_here=true
scripts/kafka.sh start >/dev/null
admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null

echo "Starting the gateway on :$port (log $work/gateway.log) ..." >&2
DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$database" IDENTITY_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" \
  IDENTITY_JWT_SIGNING_KEY="$(cat "$work/key.pem")" IDENTITY_STREAM_TOPIC="identity.bench-$database.v1" \
  java @scripts/gateway.jvm ${JAVA_OPTS:-} -jar api-gateway/target/identity-gateway.jar --server.port="$port" \
  > "$work/gateway.log" 2>&1 &
gateway=$!
for _ in $(seq 1 180); do
  kill -0 "$gateway" 2>/dev/null || { tail -n 30 "$work/gateway.log" >&2; exit 1; }
  curl -fs "$base/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1
done

post() { local auth=(); [[ -n "${3:-}" ]] && auth=(-H "Authorization: Bearer $3"); curl -sf -X POST "$base$1" -H 'Content-Type: application/json' "${auth[@]}" -d "$2"; }
admin=$(post /api/v1/auth/login "{\"tenant\":\"platform\",\"email\":\"admin@platform.local\",\"password\":\"$admin_password\"}" | jq -r .accessToken)
tenant=$(post /api/v1/tenants '{"slug":"imported","name":"Imported","selfRegistration":false,"admin":{"email":"boss@imported.test","password":"benchmark password","displayName":"Boss"}}' "$admin" | jq -r .tenant.id)
python3 - "$users" > "$work/users.ndjson" <<'PY'
import sys
hash = "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
for n in range(int(sys.argv[1])):
    print('{"email":"user%d@imported.test","displayName":"User %d","password":{"algorithm":"bcrypt","hash":"%s"}}' % (n, n, hash))
PY

cpu() { awk '{ print $14 + $15 }' "/proc/$gateway/stat"; }
echo "Importing $users users ..." >&2
ticks=$(cpu); started=$(date +%s.%N)
summary=$(curl -sf -X POST "$base/api/v1/admin/tenants/$tenant/users:import" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/x-ndjson' --data-binary @"$work/users.ndjson" | tail -n 1)
ended=$(date +%s.%N); ticks=$(( $(cpu) - ticks ))
echo "$summary"
awk -v s="$started" -v e="$ended" -v n="$users" -v t="$ticks" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { printf "import of %d users: %.1f s, %.0f users/s, gateway CPU %.1f s\n", n, e - s, n / (e - s), t / hz }'
