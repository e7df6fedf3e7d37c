#!/usr/bin/env bash
#
# scripts/test.sh — runs every test against the real services: unit and aggregate tests (surefire),
# then integration tests (failsafe) on PostgreSQL database `identity_test`, recreated empty for each
# run, with the Kafka broker started as for the service. Extra arguments go to Maven.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z "${IDENTITY_TEST_DATABASE_URL:-}" ]]; then
  scripts/postgres.sh ensure identity_test --recreate
fi

# Login, password-check and registration throttles keep their counts in Redis for minutes: a suite started
# soon after another would begin with the platform admin already throttled. Access-cache entries stay.
if command -v redis-cli >/dev/null; then
  for pattern in 'identity:login:*' 'identity:password-check:*' 'identity:registration:*' 'identity:address:*'; do
    redis-cli -h "${REDIS_HOST:-127.0.0.1}" --scan --pattern "$pattern" | xargs -r redis-cli -h "${REDIS_HOST:-127.0.0.1}" DEL >/dev/null
  done
fi

kafka_started_here=false
if ! scripts/kafka.sh status >/dev/null 2>&1; then kafka_started_here=true; fi
scripts/kafka.sh start
trap 'if $kafka_started_here; then scripts/kafka.sh stop || true; fi' EXIT

started=$(date +%s)
./mvnw -B verify "$@"
echo "Test suite finished in $(( $(date +%s) - started )) s"
