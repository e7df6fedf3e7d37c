#!/usr/bin/env bash
#
# bench/hot-path.sh — what the authorization hot path costs, and how fast changes travel between
# instances. Start the service first (scripts/run.sh: instance A on :8080); this script starts a second
# instance B on :8081 against the same PostgreSQL, Redis and Kafka, and stops it at the end.
#
# Prints: requests/s and p50/p99 of authenticated GET /api/v1/users/me and of GET /ping (the no-op
# ceiling, same application and filters) with wrk -t2 -c32, their ratios, SQL statements per request and
# cache hit ratios during the run, revocation propagation A -> B over REVOCATIONS (default 200)
# revocations, and projection lag under LOAD_SECONDS (default 15) of sustained writes.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
a="http://localhost:8080"; b="http://localhost:8081"
duration="${DURATION:-20s}"
command -v wrk >/dev/null || { [[ $(id -u) == 0 ]] && apt-get install -y -q wrk >/dev/null; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

export IDENTITY_BOOTSTRAP_ADMIN_PASSWORD="${IDENTITY_BOOTSTRAP_ADMIN_PASSWORD:-$(cat .run/admin-password)}"
export IDENTITY_JWT_SIGNING_KEY="${IDENTITY_JWT_SIGNING_KEY:-$(cat .run/jwt-signing-key.pem)}"
curl -fs "$a/actuator/health/readiness" >/dev/null || { echo "Instance A is not running: scripts/run.sh" >&2; exit 1; }

echo "Starting instance B on :8081 (log .run/gateway-b.log) ..." >&2
java @scripts/gateway.jvm ${JAVA_OPTS:-} -jar api-gateway/target/identity-gateway.jar --server.port=8081 > .run/gateway-b.log 2>&1 &
instance_b=$!
trap 'kill $instance_b 2>/dev/null; wait $instance_b 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "$b/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done

post() { local auth=(); [[ -n "${3:-}" ]] && auth=(-H "Authorization: Bearer $3"); curl -sf -X POST "$1" -H 'Content-Type: application/json' "${auth[@]}" -d "$2"; }
admin=$(post "$a/api/v1/auth/login" "{\"tenant\":\"platform\",\"email\":\"admin@platform.local\",\"password\":\"$IDENTITY_BOOTSTRAP_ADMIN_PASSWORD\"}" | jq -r .accessToken)
slug="hot-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
post "$a/api/v1/tenants" "{\"slug\":\"$slug\",\"name\":\"Hot path\",\"selfRegistration\":false,\"admin\":{\"email\":\"boss@$slug.test\",\"password\":\"benchmark password\",\"displayName\":\"Boss\"}}" "$admin" >/dev/null
boss=$(post "$a/api/v1/auth/login" "{\"tenant\":\"$slug\",\"email\":\"boss@$slug.test\",\"password\":\"benchmark password\"}" | jq -r .accessToken)
post "$a/api/v1/users" "{\"email\":\"reader@$slug.test\",\"password\":\"benchmark password\",\"displayName\":\"Reader\"}" "$boss" >/dev/null
token=$(post "$a/api/v1/auth/login" "{\"tenant\":\"$slug\",\"email\":\"reader@$slug.test\",\"password\":\"benchmark password\"}" | jq -r .accessToken)

metric() { curl -s "$a/actuator/prometheus" | awk -v name="$1" -v filter="$2" 'index($0, name) == 1 && index($0, filter) { sum += $NF } END { printf "%.0f", sum }'; }
run_wrk() { wrk -t2 -c32 -d"$duration" --latency "$@"; }
field() { awk -v key="$1" '$1 == key { print $2 }'; }
ms() { sed -E 's/([0-9.]+)us/\1 0.001/; s/([0-9.]+)ms/\1 1/; s/([0-9.]+)s$/\1 1000/' | awk '{ printf "%.2f", $1 * $2 }'; }

echo "Warming up both endpoints ..." >&2
wrk -t2 -c32 -d10s http://localhost:8080/ping >/dev/null
wrk -t2 -c32 -d10s -H "Authorization: Bearer $token" "$a/api/v1/users/me" >/dev/null

echo "Measuring GET /ping ($duration) ..." >&2
noop=$(run_wrk "$a/ping")
sql_before=$(metric identity_sql_statements_per_request_sum 'uri="/api/v1/users/me"')
requests_before=$(metric identity_sql_statements_per_request_count 'uri="/api/v1/users/me"')
hits_before=$(metric cache_gets_total 'result="hit"'); misses_before=$(metric cache_gets_total 'result="miss"')
echo "Measuring authenticated GET /api/v1/users/me ($duration) ..." >&2
hot=$(run_wrk -H "Authorization: Bearer $token" "$a/api/v1/users/me")
sql=$(( $(metric identity_sql_statements_per_request_sum 'uri="/api/v1/users/me"') - sql_before ))
requests=$(( $(metric identity_sql_statements_per_request_count 'uri="/api/v1/users/me"') - requests_before ))
hits=$(( $(metric cache_gets_total 'result="hit"') - hits_before )); misses=$(( $(metric cache_gets_total 'result="miss"') - misses_before ))

noop_rps=$(field Requests/sec: <<<"$noop"); hot_rps=$(field Requests/sec: <<<"$hot")
noop_p50=$(field 50% <<<"$noop" | ms); noop_p99=$(field 99% <<<"$noop" | ms)
hot_p50=$(field 50% <<<"$hot" | ms); hot_p99=$(field 99% <<<"$hot" | ms)

echo
echo "Hot path on $(nproc) cores, wrk -t2 -c32 -d$duration, same machine as the server"
echo "| measurement | value |"
echo "|---|---|"
echo "| GET /ping (no-op ceiling) | ${noop_rps} req/s, p50 ${noop_p50} ms, p99 ${noop_p99} ms |"
echo "| authenticated GET /api/v1/users/me | ${hot_rps} req/s, p50 ${hot_p50} ms, p99 ${hot_p99} ms |"
echo "| throughput ratio (target >= 0.50) | $(awk -v h="$hot_rps" -v n="$noop_rps" 'BEGIN { printf "%.2f", h / n }') |"
echo "| p99 ratio (target <= 2.0) | $(awk -v h="$hot_p99" -v n="$noop_p99" 'BEGIN { printf "%.2f", h / n }') |"
echo "| SQL statements per request (target 0) | $(awk -v s="$sql" -v r="$requests" 'BEGIN { printf "%.4f (%d in %d requests)", (r ? s / r : 0), s, r }') |"
echo "| access cache hit ratio (sessions, users, tenants) | $(awk -v h="$hits" -v m="$misses" 'BEGIN { printf "%.4f (%d hits, %d misses)", (h + m ? h / (h + m) : 0), h, m }') |"
echo
echo "Between instances (A :8080, B :8081)"
python3 bench/propagation.py "$a" "$b" "$slug" "reader@$slug.test" "benchmark password" "$boss" \
  "${REVOCATIONS:-200}" "${LOAD_SECONDS:-15}"
