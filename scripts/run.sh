#!/usr/bin/env bash
#
# scripts/run.sh — builds the service, makes sure PostgreSQL is up with database `identity`, starts
# the Kafka broker, and runs the gateway on http://localhost:8080 (PORT to change it). Flyway migrates
# the database at start-up. Ctrl-C stops the gateway and the broker this script started.
#
# For local use it keeps two secrets under .run/ (gitignored), made on first run: the platform admin
# password (.run/admin-password) and the JWT signing key (.run/jwt-signing-key.pem). Set
# IDENTITY_BOOTSTRAP_ADMIN_PASSWORD / IDENTITY_JWT_SIGNING_KEY to use your own.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
port="${PORT:-8080}"
mkdir -p .run

if [[ -z "${DATABASE_URL:-}" ]]; then
  scripts/postgres.sh ensure identity
fi

echo "Building (tests skipped; scripts/test.sh runs them) ..."
./mvnw -B -q -DskipTests package

kafka_started_here=false
if ! scripts/kafka.sh status >/dev/null 2>&1; then kafka_started_here=true; fi
scripts/kafka.sh start

if [[ -z "${IDENTITY_BOOTSTRAP_ADMIN_PASSWORD:-}" ]]; then
  [[ -s .run/admin-password ]] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > .run/admin-password)
  export IDENTITY_BOOTSTRAP_ADMIN_PASSWORD="$(cat .run/admin-password)"
fi
if [[ -z "${IDENTITY_JWT_SIGNING_KEY:-}" ]]; then
  [[ -s .run/jwt-signing-key.pem ]] || (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out .run/jwt-signing-key.pem 2>/dev/null)
  export IDENTITY_JWT_SIGNING_KEY="$(cat .run/jwt-signing-key.pem)"
fi

java @scripts/gateway.jvm ${JAVA_OPTS:-} -jar api-gateway/target/identity-gateway.jar --server.port="$port" > .run/gateway.log 2>&1 &
gateway=$!
stop() {
  kill "$gateway" 2>/dev/null && wait "$gateway" 2>/dev/null || true
  if $kafka_started_here; then scripts/kafka.sh stop || true; fi
}
trap stop EXIT INT TERM

echo -n "Starting the gateway (log: .run/gateway.log) "
for _ in $(seq 1 120); do
  if ! kill -0 "$gateway" 2>/dev/null; then echo; tail -n 40 .run/gateway.log; echo "The gateway failed to start." >&2; exit 1; fi
  curl -fs "http://localhost:$port/actuator/health/readiness" >/dev/null 2>&1 && break
  echo -n "."; sleep 1
done
echo
cat <<INFO

Identity gateway is running (pid $gateway). Ctrl-C stops it.
  API          http://localhost:$port/api/v1
  OpenAPI UI   http://localhost:$port/swagger-ui.html   (spec: /v3/api-docs)
  Health       http://localhost:$port/actuator/health
  Metrics      http://localhost:$port/actuator/prometheus
  JWKS         http://localhost:$port/.well-known/jwks.json
  Kafka        127.0.0.1:9092
  Platform admin: tenant "platform", email ${IDENTITY_BOOTSTRAP_ADMIN_EMAIL:-admin@platform.local}, password in $root/.run/admin-password (unless you set IDENTITY_BOOTSTRAP_ADMIN_PASSWORD)
INFO
wait "$gateway"
