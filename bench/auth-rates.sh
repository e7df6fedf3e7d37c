#!/usr/bin/env bash
#
# bench/auth-rates.sh — login, refresh and authenticated-read rates of a running gateway.
#
# Start the service first (scripts/run.sh), then: bench/auth-rates.sh
# Uses wrk (installed from Debian's packages when missing and running as root) with 2 threads and 32
# connections; DURATION (default 15s) per measurement; BASE_URL (default http://localhost:8080).
# Prints one table. Creates a tenant of its own (bench-<random>) with one user.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
base="${BASE_URL:-http://localhost:8080}"
duration="${DURATION:-15s}"
threads=2
connections=32

if ! command -v wrk >/dev/null; then
  if [[ $(id -u) == 0 ]]; then apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
  else echo "wrk is needed: apt-get install wrk" >&2; exit 1; fi
fi
command -v jq >/dev/null || { echo "jq is needed" >&2; exit 1; }
admin_password="${IDENTITY_BOOTSTRAP_ADMIN_PASSWORD:-$(cat .run/admin-password)}"

post() { # path, body[, bearer token]
  local auth=()
  [[ -n "${3:-}" ]] && auth=(-H "Authorization: Bearer $3")
  curl -sf -X POST "$base$1" -H 'Content-Type: application/json' "${auth[@]}" -d "$2"
}

admin=$(post /api/v1/auth/login "{\"tenant\":\"platform\",\"email\":\"admin@platform.local\",\"password\":\"$admin_password\"}" | jq -r .accessToken)
slug="bench-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
post /api/v1/tenants "{\"slug\":\"$slug\",\"name\":\"Benchmark\",\"selfRegistration\":false,\"admin\":{\"email\":\"bench@$slug.test\",\"password\":\"benchmark password\",\"displayName\":\"Bench\"}}" "$admin" >/dev/null
login_body="{\"tenant\":\"$slug\",\"email\":\"bench@$slug.test\",\"password\":\"benchmark password\"}"
token=$(post /api/v1/auth/login "$login_body" | jq -r .accessToken)

tokens_file=$(mktemp)
trap 'rm -f "$tokens_file"' EXIT
echo "Preparing $((connections * 4)) sessions for the refresh run ..." >&2
for _ in $(seq 1 $((connections * 4))); do post /api/v1/auth/login "$login_body" | jq -r .refreshToken >> "$tokens_file"; done

measure() { # name, wrk args...
  local name=$1; shift
  echo "Running: $name ($duration) ..." >&2
  local out; out=$(wrk -t$threads -c$connections -d"$duration" --latency "$@")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out"); errors=${errors:-0}
  printf '| %-34s | %10s | %8s | %8s | %8s |\n' "$name" "$rps" "$p50" "$p99" "$errors"
}

echo
echo "wrk -t$threads -c$connections, $duration each, against $base ($(nproc) cores)"
printf '| %-34s | %10s | %8s | %8s | %8s |\n' "measurement" "req/s" "p50" "p99" "non-2xx"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..36})" "------------" "----------" "----------" "----------"
measure "authenticated GET /users/me" -H "Authorization: Bearer $token" "$base/api/v1/users/me"
LOGIN_BODY="$login_body" measure "POST /auth/login (bcrypt)" -s bench/login.lua "$base/api/v1/auth/login"
THREADS=$threads REFRESH_TOKENS="$tokens_file" measure "POST /auth/refresh (rotation)" -s bench/refresh.lua "$base/api/v1/auth/refresh"
