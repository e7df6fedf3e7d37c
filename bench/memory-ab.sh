#!/usr/bin/env bash
#
# bench/memory-ab.sh BEFORE_JAR AFTER_JAR — the gateway's RSS, two builds in one run, in the order before,
# after, after, before: each through the side-by-side kit's Pb (refresh, login) and Pd (create user,
# authorized read) steps on one database seeded once. Prints the kit's RSS notes. About 25 minutes; run it
# alone. KIT (default ../shared/peer) is the kit; RESULTS (default a new temporary folder) keeps the output.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ $# -eq 2 ]] || { echo "usage: $0 BEFORE_JAR AFTER_JAR" >&2; exit 2; }
before=$(realpath "$1"); after=$(realpath "$2")
kit=$(realpath "${KIT:-../shared/peer}")
export PROJ_DIR=$PWD PEER_DIR=${PEER_DIR:-$(mktemp -d)} RESULTS=${RESULTS:-$(mktemp -d)}
export KC_JAVA_HOME=unused PG_BIN=unused PROJ_DB=${PROJ_DB:-identity_memory_ab} JAVA_OPTS="@scripts/gateway.jvm"
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $PROJ_DB"
PROJ_JAR=$after "$kit/proj.sh" start 4
"$kit/proj.sh" setup-big; "$kit/proj.sh" big-token; "$kit/proj.sh" seed-to 3000; "$kit/proj.sh" stop
PROJ_JAR=$before "$kit/run_all.sh" Pa
for jar in "$before" "$after" "$after" "$before"; do
  echo "==== $jar" | tee -a "$RESULTS/notes.txt"
  PROJ_JAR=$jar "$kit/run_all.sh" Pb Pd
done
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $PROJ_DB"
grep -E "RSS|====" "$RESULTS/notes.txt"
echo "raw output: $RESULTS"
