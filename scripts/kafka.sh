#!/usr/bin/env bash
#
# scripts/kafka.sh start|stop|status
#
# Runs a real single-node Apache Kafka broker (KRaft combined mode: broker + controller,
# node.id=1) as a plain Java process for local development and tests. No Docker and no
# Kafka tarball: the broker jars are resolved from Maven Central by Maven through the
# standalone POM scripts/kafka/pom.xml (Kafka 3.9.1, same release as the kafka-clients
# managed by Spring Boot 3.5.7).
#
#   Listener     PLAINTEXT://127.0.0.1:9092   (clients)
#   Controller   CONTROLLER://127.0.0.1:9093  (KRaft quorum, internal)
#   Everything lives in <repo>/.run/kafka (gitignored):
#     libs/               broker + CLI tools classpath (fetched once by Maven)
#     server.properties   generated on every start
#     data/               KRaft metadata + topic data, formatted once, persists across restarts
#     broker.log          broker stdout/stderr (previous run kept as broker.log.1)
#     server.log, controller.log, state-change.log, ...   log4j files
#     broker.pid          pid of the running broker
#
# Environment:
#   KAFKA_BOOTSTRAP_SERVERS   if set to anything other than 127.0.0.1:9092 / localhost:9092,
#   KAFKA_EXTERNAL=true       an external broker is used: this script does nothing.
#   KAFKA_HEAP_OPTS           broker heap (default: -Xms64m -Xmx256m: a broker of a few partitions and
#                             thousands of events a second keeps its data in the page cache, not the heap)
#   KAFKA_START_TIMEOUT       seconds to wait for the broker to become ready (default: 60)
#
# Exit codes: 0 = ok; 1 = error / start timeout; 2 = usage;
#             status: 0 = running (or a broker answers on 9092), 3 = not running.
#
# Running a Kafka CLI tool against this broker with the same classpath, e.g.:
#   java -Dlog4j.configuration=file:scripts/kafka/tools-log4j.properties -cp ".run/kafka/libs/*" \
#        org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
#   (kafka.tools.ConsoleProducer, org.apache.kafka.tools.consumer.ConsoleConsumer,
#    org.apache.kafka.tools.consumer.group.ConsumerGroupCommand, kafka.tools.StorageTool)
#
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT_DIR="$(cd "${SCRIPT_DIR}/.." && pwd -P)"

HOST="127.0.0.1"
PORT=9092
CONTROLLER_PORT=9093

POM="${SCRIPT_DIR}/kafka/pom.xml"
BROKER_LOG4J="${SCRIPT_DIR}/kafka/log4j.properties"
TOOLS_LOG4J="${SCRIPT_DIR}/kafka/tools-log4j.properties"

RUN_DIR="${ROOT_DIR}/.run/kafka"
LIBS_DIR="${RUN_DIR}/libs"
LIBS_MARKER="${LIBS_DIR}/.complete"
DATA_DIR="${RUN_DIR}/data"
PROPS="${RUN_DIR}/server.properties"
ADMIN_PROPS="${RUN_DIR}/admin.properties"
LOG_FILE="${RUN_DIR}/broker.log"
PID_FILE="${RUN_DIR}/broker.pid"
LOCK_FILE="${RUN_DIR}/.lock"
CLUSTER_ID_FILE="${RUN_DIR}/cluster.id"

START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
STOP_TIMEOUT=30
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms64m -Xmx256m}"

REL_LOG=".run/kafka/broker.log"

log() { printf '%s\n' "$*"; }
err() { printf 'kafka.sh: %s\n' "$*" >&2; }

usage() {
  err "usage: $0 start|stop|status"
  exit 2
}

# --- helpers -------------------------------------------------------------------------------

# True if an external broker is configured (this script must then do nothing).
external_broker() {
  if [[ "${KAFKA_EXTERNAL:-}" == "true" ]]; then
    return 0
  fi
  local bs="${KAFKA_BOOTSTRAP_SERVERS:-}"
  if [[ -n "${bs}" && "${bs}" != "127.0.0.1:9092" && "${bs}" != "localhost:9092" ]]; then
    return 0
  fi
  return 1
}

# True if something accepts TCP connections on $1 (default: the broker port).
port_open() {
  local port="${1:-${PORT}}"
  timeout 2 bash -c "exec 3<>/dev/tcp/${HOST}/${port}" >/dev/null 2>&1
}

# Prints the pid from the pid file if that process is alive and is our broker.
running_pid() {
  [[ -f "${PID_FILE}" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"${PID_FILE}" 2>/dev/null || true)"
  [[ -n "${pid}" ]] || return 1
  process_alive "${pid}" || return 1
  # Guard against a recycled pid: the process must be a JVM running kafka.Kafka.
  if [[ -r "/proc/${pid}/cmdline" ]]; then
    tr '\0' ' ' <"/proc/${pid}/cmdline" | grep -q 'kafka\.Kafka' || return 1
  fi
  printf '%s\n' "${pid}"
}

# True while the process exists and is not a zombie. A multi-threaded JVM can show its main
# thread as zombie while other threads are still exiting (and still hold its sockets), so every
# thread (/proc/<pid>/task/*) is checked.
process_alive() {
  kill -0 "$1" 2>/dev/null || return 1
  [[ -d "/proc/$1/task" ]] || return 0
  local f stat
  for f in /proc/"$1"/task/*/stat; do
    stat="$(cat "${f}" 2>/dev/null || true)"
    [[ -n "${stat}" ]] || continue
    # Field 3 (state) follows "(comm) "; Z = zombie, X = dead.
    stat="${stat##*) }"
    [[ "${stat%% *}" == [ZX] ]] || return 0
  done
  return 1
}

require_java() {
  command -v java >/dev/null 2>&1 || { err "java not found on PATH (Java 17 required)"; exit 1; }
}

# Serialises start/stop of concurrent invocations (best effort, flock is util-linux).
take_lock() {
  mkdir -p "${RUN_DIR}"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"${LOCK_FILE}"
    if ! flock -w 180 9; then
      err "another kafka.sh start/stop is still running (lock ${LOCK_FILE})"
      exit 1
    fi
  fi
}

# Runs a Kafka CLI class with the broker classpath (quiet logging, small heap, fast JIT).
run_tool() {
  java -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j.configuration="file:${TOOLS_LOG4J}" \
    -cp "${LIBS_DIR}/*" "$@"
}

fetch_libs() {
  local pom_sum
  pom_sum="$(sha256sum "${POM}" | cut -d' ' -f1)"
  if [[ -f "${LIBS_MARKER}" && "$(cat "${LIBS_MARKER}")" == "${pom_sum}" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || { err "mvn not found on PATH (needed once to fetch the Kafka jars)"; exit 1; }
  log "Fetching the Kafka broker classpath from Maven Central into .run/kafka/libs (once) ..."
  local tmp="${RUN_DIR}/libs.tmp"
  rm -rf "${tmp}"
  mkdir -p "${tmp}"
  # (sed strips the ANSI reset codes that Debian's Maven prints even in batch/quiet mode)
  if ! mvn -B -q -f "${POM}" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="${tmp}" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'; then
    rm -rf "${tmp}"
    err "failed to resolve the Kafka classpath with Maven (see output above)"
    exit 1
  fi
  if ! compgen -G "${tmp}/kafka_2.13-*.jar" >/dev/null; then
    rm -rf "${tmp}"
    err "Maven did not copy kafka_2.13 into ${tmp}"
    exit 1
  fi
  rm -rf "${LIBS_DIR}"
  mv "${tmp}" "${LIBS_DIR}"
  printf '%s\n' "${pom_sum}" >"${LIBS_MARKER}"
}

write_config() {
  mkdir -p "${DATA_DIR}"
  cat >"${PROPS}" <<EOF
# Generated by scripts/kafka.sh on every start - do not edit (edit the script instead).
# Single node, KRaft combined mode (broker + controller).
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${HOST}:${CONTROLLER_PORT}

listeners=PLAINTEXT://${HOST}:${PORT},CONTROLLER://${HOST}:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://${HOST}:${PORT}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER

log.dirs=${DATA_DIR}

# Single node: internal topics with replication factor 1.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
min.insync.replicas=1

auto.create.topics.enable=false
num.partitions=3
group.initial.rebalance.delay.ms=0

# Small machine (2 cores).
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.cleaner.threads=1
EOF
  cat >"${ADMIN_PROPS}" <<EOF
# Generated by scripts/kafka.sh - admin client settings for the readiness check.
request.timeout.ms=5000
default.api.timeout.ms=8000
EOF
}

format_storage() {
  if [[ -f "${DATA_DIR}/meta.properties" ]]; then
    return 0
  fi
  local cluster_id
  if [[ -s "${CLUSTER_ID_FILE}" ]]; then
    cluster_id="$(cat "${CLUSTER_ID_FILE}")"
  else
    cluster_id="$(run_tool kafka.tools.StorageTool random-uuid | tail -n 1 | tr -d '[:space:]')"
    printf '%s\n' "${cluster_id}" >"${CLUSTER_ID_FILE}"
  fi
  log "Formatting KRaft storage in .run/kafka/data (cluster id ${cluster_id}) ..."
  run_tool kafka.tools.StorageTool format --ignore-formatted \
    --cluster-id "${cluster_id}" --config "${PROPS}"
}

# True once the broker serves admin requests (not only an open socket).
broker_ready() {
  port_open || return 1
  # The broker logs this once KafkaRaftServer finished starting (broker unfenced).
  grep -q 'Kafka Server started' "${LOG_FILE}" 2>/dev/null || return 1
  timeout 20 java -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j.configuration="file:${TOOLS_LOG4J}" -cp "${LIBS_DIR}/*" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "${HOST}:${PORT}" \
    --command-config "${ADMIN_PROPS}" --list >/dev/null 2>&1
}

# Starts the broker in the background; sets BROKER_PID.
launch_broker() {
  if [[ -f "${LOG_FILE}" ]]; then
    mv -f "${LOG_FILE}" "${LOG_FILE}.1"
  fi
  # nohup + & : the broker survives the end of this script and of the calling terminal.
  # fd 9 (the start/stop lock) is closed so that the broker does not hold the lock.
  # shellcheck disable=SC2086  # HEAP_OPTS is intentionally word-split
  (
    cd "${ROOT_DIR}"
    exec nohup java ${HEAP_OPTS} \
      -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
      -Dlog4j.configuration="file:${BROKER_LOG4J}" -Dkafka.logs.dir="${RUN_DIR}" \
      -cp "${LIBS_DIR}/*" kafka.Kafka "${PROPS}" \
      >"${LOG_FILE}" 2>&1 </dev/null 9>&-
  ) &
  BROKER_PID=$!
  printf '%s\n' "${BROKER_PID}" >"${PID_FILE}"
}

wait_ready() {
  local pid="$1"
  printf 'Waiting for the Kafka broker on %s:%s (pid %s) ' "${HOST}" "${PORT}" "${pid}"
  while true; do
    if ! process_alive "${pid}"; then
      printf '\n'
      err "the broker process (pid ${pid}) exited during startup; last lines of ${REL_LOG}:"
      tail -n 40 "${LOG_FILE}" >&2 || true
      rm -f "${PID_FILE}"
      exit 1
    fi
    if broker_ready; then
      printf '\n'
      return 0
    fi
    if ((SECONDS - wait_start >= START_TIMEOUT)); then
      printf '\n'
      err "the broker did not become ready within ${START_TIMEOUT}s; last lines of ${REL_LOG}:"
      tail -n 40 "${LOG_FILE}" >&2 || true
      err "it is still running (pid ${pid}); stop it with: scripts/kafka.sh stop"
      exit 1
    fi
    printf '.'
    sleep 1
  done
}

# --- commands ------------------------------------------------------------------------------

cmd_start() {
  local pid
  if port_open; then
    if pid="$(running_pid)"; then
      log "Kafka broker already running on ${HOST}:${PORT} (pid ${pid}) - reused."
    else
      log "A Kafka broker is already answering on ${HOST}:${PORT} (not started by this script) - reused."
    fi
    return 0
  fi

  require_java
  take_lock

  wait_start=${SECONDS}
  if pid="$(running_pid)"; then
    # Started by an earlier/concurrent invocation and still starting up: just wait for it.
    log "Kafka broker process already started (pid ${pid}), waiting for it to become ready."
  else
    rm -f "${PID_FILE}"
    if port_open "${CONTROLLER_PORT}"; then
      err "port ${HOST}:${CONTROLLER_PORT} (KRaft controller listener) is already in use by another process"
      exit 1
    fi
    fetch_libs
    write_config
    format_storage
    wait_start=${SECONDS}
    launch_broker
    pid="${BROKER_PID}"
  fi
  wait_ready "${pid}"
  log "Kafka broker ready on ${HOST}:${PORT} (pid ${pid}, log ${REL_LOG})"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "${PID_FILE}"
    if port_open; then
      log "Kafka broker not started by this script (nothing to stop); something else answers on ${HOST}:${PORT}."
    else
      log "Kafka broker is not running."
    fi
    return 0
  fi
  take_lock
  log "Stopping Kafka broker (pid ${pid}) ..."
  kill -TERM "${pid}" 2>/dev/null || true
  local waited=0
  while process_alive "${pid}"; do
    if ((waited >= STOP_TIMEOUT)); then
      err "broker did not stop within ${STOP_TIMEOUT}s, sending KILL"
      kill -KILL "${pid}" 2>/dev/null || true
      waited=0
      while process_alive "${pid}" && ((waited < 10)); do
        sleep 1
        waited=$((waited + 1))
      done
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  if process_alive "${pid}"; then
    err "broker process ${pid} is still alive after KILL"
    exit 1
  fi
  rm -f "${PID_FILE}"
  # Belt and braces: wait (bounded) until the listeners are really closed.
  waited=0
  while { port_open || port_open "${CONTROLLER_PORT}"; } && ((waited < 10)); do
    sleep 1
    waited=$((waited + 1))
  done
  log "Kafka broker stopped."
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    if port_open; then
      log "Kafka broker running on ${HOST}:${PORT} (pid ${pid}, log ${REL_LOG})"
    else
      log "Kafka broker process running (pid ${pid}) but ${HOST}:${PORT} not answering yet (starting or stopping)"
    fi
    return 0
  fi
  if port_open; then
    log "Kafka broker running on ${HOST}:${PORT} (not started by this script)"
    return 0
  fi
  log "Kafka broker not running"
  return 3
}

main() {
  [[ $# -eq 1 ]] || usage
  case "$1" in
    start | stop | status) ;;
    *) usage ;;
  esac

  if external_broker; then
    log "Using external Kafka broker (KAFKA_BOOTSTRAP_SERVERS=${KAFKA_BOOTSTRAP_SERVERS:-unset}, KAFKA_EXTERNAL=${KAFKA_EXTERNAL:-unset}); nothing to do."
    return 0
  fi

  case "$1" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
  esac
}

wait_start=0
BROKER_PID=""
main "$@"
