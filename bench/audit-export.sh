#!/usr/bin/env bash
#
# bench/audit-export.sh — the NDJSON audit export of EVENTS (default 1,000,000) events, complete, in order and
# in flat memory: AuditExportMemoryIT at full size (the default suite runs it with 200,000). Prints the heap
# after a full collection at every tenth of the lines, and the export's rate. EVENTS must be a multiple of
# 200,000.
#
# Uses the test database of IDENTITY_TEST_DATABASE_URL (else identity_test, recreated). Do not run it while the
# test suite runs: both use that database.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z "${IDENTITY_TEST_DATABASE_URL:-}" ]]; then
  scripts/postgres.sh ensure identity_test --recreate
fi
scripts/kafka.sh start >/dev/null

./mvnw -B -q install -DskipTests -pl api-gateway -am >/dev/null
./mvnw -B verify -pl api-gateway -Dit.test=AuditExportMemoryIT -Dtest='NoSuchTest*' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Djacoco.skip=true \
    -Didentity.test.export-events="${EVENTS:-1000000}" \
  | grep -E '^export:|Tests run:.*AuditExportMemoryIT|BUILD'
