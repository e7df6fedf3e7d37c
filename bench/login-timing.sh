#!/usr/bin/env bash
#
# bench/login-timing.sh — does a wrong password's latency tell which accounts exist? Runs LoginTimingBench
# (api-gateway tests) against the real services, as the test suite does: 200 wrong-password logins for
# existing accounts and 200 for unknown emails, alternated in random order, each from a client of its own;
# prints both medians and their ratio, and fails outside 0.9..1.1. Once at Argon2id m = 1 MiB, t = 1 (the test
# profile's, where any extra work on one path shows most) and once at 19 MiB, t = 2 (production's default).
#
# Uses the test database of IDENTITY_TEST_DATABASE_URL (else identity_test, recreated) and Redis database
# REDIS_DATABASE (default 0). Do not run it while the test suite runs: both would measure each other.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z "${IDENTITY_TEST_DATABASE_URL:-}" ]]; then
  scripts/postgres.sh ensure identity_test --recreate
fi
scripts/kafka.sh start >/dev/null

./mvnw -B -q install -DskipTests -pl api-gateway -am >/dev/null
status=0
for parameters in ${ARGON2:-1024:1 19456:2}; do
  memory=${parameters%:*} iterations=${parameters#*:}
  ./mvnw -B verify -pl api-gateway -Dit.test=LoginTimingBench -Dtest='NoSuchTest*' \
      -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Djacoco.skip=true \
      -Didentity.password.argon2.memory-kib="$memory" -Didentity.password.argon2.iterations="$iterations" \
      -Dspring.data.redis.database="${REDIS_DATABASE:-0}" \
      | grep -E '^\[login-timing\]|Tests run:.*LoginTimingBench|BUILD' | sed "s/^/argon2id $parameters: /" || status=1
done
exit $status
