#!/usr/bin/env bash
#
# bench/audit-store.sh — the audit trail on a large store. Fills a fresh database (identity_bench) with
# TENANTS x USERS_PER_TENANT users of 10 events each (default 100 x 1,000 = 1,000,000 events, plus the
# bootstrap's), starts the gateway on :8090 with no projection built yet, lets it project the store, then
# rebuilds every projection through the replay endpoint (all four in one replay) and prints: that rebuild in events per second and
# its duration (and the first, cold projection), export throughput, and the latency of the filtered audit
# query, of a user's history and of the as-of query.
# Needs the built jar (./mvnw -DskipTests package), PostgreSQL, Redis and Kafka (scripts/kafka.sh start).
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tenants="${TENANTS:-100}"; users="${USERS_PER_TENANT:-1000}"
base="http://localhost:8090"
export DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/identity_bench"
export IDENTITY_BOOTSTRAP_ADMIN_PASSWORD="bench-admin-password" IDENTITY_STREAM_PUBLISH=false PORT=8090

scripts/postgres.sh ensure identity_bench --recreate >/dev/null
start() {
  java @scripts/gateway.jvm ${JAVA_OPTS:-} -jar api-gateway/target/identity-gateway.jar > .run/gateway-bench.log 2>&1 &
  gateway=$!
  for _ in $(seq 1 120); do curl -fs "$base/actuator/health/readiness" >/dev/null 2>&1 && return; sleep 1; done
  echo "gateway did not start; see .run/gateway-bench.log" >&2; exit 1
}
stop() { kill "$gateway" 2>/dev/null; wait "$gateway" 2>/dev/null || true; }
trap stop EXIT

echo "Migrating and bootstrapping identity_bench ..." >&2
start; sleep 3; stop
echo "Writing $((tenants * users * 10 + tenants)) events with SQL ..." >&2
filled=$(date +%s.%N)
psql -q -h 127.0.0.1 -U postgres -d identity_bench -v ON_ERROR_STOP=1 -v tenants="$tenants" \
  -v users_per_tenant="$users" -f bench/audit-store.sql >/dev/null
psql -q -h 127.0.0.1 -U postgres -d identity_bench -c "DELETE FROM token_entry; TRUNCATE users, tenants, tenant_stats, tenant_roles, sessions, audit_events"
head=$(psql -tA -h 127.0.0.1 -U postgres -d identity_bench -c "SELECT max(global_index) FROM domain_event_entry")
echo "Store filled in $(awk -v s="$filled" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }') s; head position $head" >&2

echo "Projecting the store from the first event (cold start: includes starting the JVM) ..." >&2
first_start=$(date +%s.%N)
start
token=$(curl -s -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"tenant\":\"platform\",\"email\":\"admin@platform.local\",\"password\":\"$IDENTITY_BOOTSTRAP_ADMIN_PASSWORD\"}" | jq -r .accessToken)
projections() { curl -s "$base/api/v1/admin/projections" -H "Authorization: Bearer $token"; }
while true; do
  status=$(projections)
  # the admin's own session becomes visible once the sessions projection has caught up with it
  if [[ "$(jq -r 'type' <<<"$status")" != "array" ]]; then sleep 2; continue; fi
  behind=$(jq '[.[] | select(.name != "kafka-publisher") | .lag] | max' <<<"$status")
  printf '  %s\n' "$(jq -c '[.[] | select(.name != "kafka-publisher") | {(.name): .position}] | add' <<<"$status")" >&2
  [[ "$behind" == "0" ]] && break
  sleep 10
done
first_seconds=$(awk -v s="$first_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')

echo "Rebuilding every projection with POST /api/v1/admin/projections/replay (one replay for all four) ..." >&2
rebuild_start=$(date +%s.%N)
curl -fs -o /dev/null -X POST "$base/api/v1/admin/projections/replay" -H "Authorization: Bearer $token" \
  -H "Content-Type: application/json" -d '{"confirm": true}'
while true; do
  status=$(projections)
  running=$(jq '[.[] | select(.rebuild != null and .rebuild.finishedAt == null)] | length' <<<"$status")
  printf '  %s\n' "$(jq -c '[.[] | select(.rebuild != null) | {(.name): (if .rebuild.finishedAt then "switched" else "\((.progress // 0) * 100 | floor)%" end)}] | add' <<<"$status")" >&2
  [[ "$running" == "0" ]] && break
  sleep 2
done
rebuild_seconds=$(awk -v s="$rebuild_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')

export_start=$(date +%s.%N)
lines=$(curl -s "$base/api/v1/audit/events/export" -H "Authorization: Bearer $token" | wc -l)
export_seconds=$(awk -v s="$export_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')

tenant=$(psql -tA -h 127.0.0.1 -U postgres -d identity_bench -c "SELECT id FROM tenants WHERE slug LIKE 'bench-%' ORDER BY slug LIMIT 1")
user=$(psql -tA -h 127.0.0.1 -U postgres -d identity_bench -c "SELECT id FROM users WHERE tenant_id = '$tenant' LIMIT 1")
latency() { # url, times: prints p50 and p99 in ms
  for _ in $(seq 1 "$2"); do curl -s -o /dev/null -w '%{time_total}\n' "$1" -H "Authorization: Bearer $token"; done |
    sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "p50 %.1f ms, p99 %.1f ms", v[int(NR * 0.5)], v[int(NR * 0.99)] }'
}
query=$(latency "$base/api/v1/audit/events?tenant=$tenant&type=RoleAssigned&actor=bench-admin-3&limit=100" 200)
history=$(latency "$base/api/v1/audit/users/$user/history" 200)
asof=$(latency "$base/api/v1/audit/users/$user/state?at=$(date -u +%Y-%m-%dT%H:%M:%SZ)" 200)

echo
echo "Audit store of $head events ($tenants tenants, $((tenants * users)) users), $(nproc) cores"
echo "| measurement | value |"
echo "|---|---|"
echo "| full rebuild of every projection (replay endpoint, until all four switched) | ${rebuild_seconds} s, $(awk -v h="$head" -v s="$rebuild_seconds" 'BEGIN { printf "%.0f", h / s }') events/s (target >= 10,000) |"
echo "| first projection of the store (cold start, JVM start included) | ${first_seconds} s, $(awk -v h="$head" -v s="$first_seconds" 'BEGIN { printf "%.0f", h / s }') events/s |"
echo "| NDJSON export of all events | ${lines} lines in ${export_seconds} s, $(awk -v l="$lines" -v s="$export_seconds" 'BEGIN { printf "%.0f", l / s }') events/s (memory: AuditExportMemoryIT) |"
echo "| filtered audit query (tenant, type, actor; 100 per page) | $query |"
echo "| user history | $history |"
echo "| user state as of now | $asof |"
