#!/usr/bin/env bash
#
# bench/faults.sh — the fault suite. Starts two gateways (A on :8090, B on :8091) on a fresh database
# (identity_faults) against the machine's PostgreSQL, Redis and Kafka, keeps a mixed load on both
# (user creation and role changes, reads, logins right and wrong, refreshes) and runs, each under that load:
#
#   baseline   BASELINE_SECONDS (10) of load, no fault
#   kill       kill -9 of instance A, restarted KILL_DOWN (5) s later; B takes its processors
#   kafka      the broker stopped for KAFKA_DOWN (60) s           (scripts/kafka.sh of the broker's checkout)
#   redis      Redis shut down for REDIS_DOWN (60) s              (restarted with its own save/dir settings)
#   postgres   the local cluster stopped for PG_DOWN (10) s       (pg_ctlcluster stop -m fast / start)
#   order      ORDER_ROUNDS (20) pairs of events committed in the reverse order of their global positions
#
# After each phase it waits (CATCH_UP_LIMIT, 120 s) until every processor's lag is 0: the catch-up time.
# Then it checks every acknowledged write (201) in the users table and the event store, each test tenant's
# counts (tenant_stats = users rows = UserRegistered events), the audit trail (every event at its own
# position), the topic (every event of the test tenants on identity.events.v1) and the dead letters.
# Prints a table to stdout (progress to stderr); exits 1 if a check fails or any request answered 5xx other
# than 503. PHASES=baseline,kill,order picks phases. The phases kafka, redis and postgres stop services other
# programs on the machine use: FAULTS_GO_FILE=<path> makes the suite refuse them unless that file exists.
# Whatever happens, PostgreSQL, Redis and Kafka are started again on the way out.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p .run
[[ -f api-gateway/target/identity-gateway.jar ]] || ./mvnw -B -q -DskipTests package

export FAULTS_DATABASE="${FAULTS_DATABASE:-identity_faults}"
export DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$FAULTS_DATABASE"
export IDENTITY_BOOTSTRAP_ADMIN_PASSWORD="${IDENTITY_BOOTSTRAP_ADMIN_PASSWORD:-fault-suite-admin-password}"
[[ -s .run/faults-jwt-signing-key.pem ]] ||
  (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out .run/faults-jwt-signing-key.pem 2>/dev/null)
# One key for both instances and across the restart of A: tokens stay valid
export IDENTITY_JWT_SIGNING_KEY="${IDENTITY_JWT_SIGNING_KEY:-$(cat .run/faults-jwt-signing-key.pem)}"

# Two instances of 12 connections each leave room on a server of 100 (PostgreSQL's default) shared with others
export SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE="${SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE:-12}"

scripts/postgres.sh ensure "$FAULTS_DATABASE" --recreate >&2
scripts/kafka.sh start >&2
rm -f .run/faults-services.json
# faults.py restores the services itself; this covers its death by a signal it cannot catch
trap 'python3 bench/faults.py restore' EXIT
python3 bench/faults.py
