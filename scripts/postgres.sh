#!/usr/bin/env bash
#
# scripts/postgres.sh ensure DATABASE [--recreate]
#
# Makes sure PostgreSQL answers on $PGHOST:$PGPORT (default 127.0.0.1:5432), starting the machine's
# local cluster if it is installed but stopped, and that DATABASE exists (created if missing,
# dropped and created anew with --recreate). Uses psql as $PGUSER (default postgres).
#
set -euo pipefail

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

usage() { echo "usage: $0 ensure DATABASE [--recreate]" >&2; exit 2; }
[[ "${1:-}" == "ensure" && -n "${2:-}" ]] || usage
database="$2"
recreate="${3:-}"
[[ "$database" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "invalid database name: $database" >&2; exit 2; }

command -v psql >/dev/null || { echo "psql is not installed: install postgresql-client, or point DATABASE_URL at your server" >&2; exit 1; }

answering() { pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; }

if ! answering; then
  if [[ "$PGHOST" =~ ^(127\.0\.0\.1|localhost)$ ]] && command -v pg_lsclusters >/dev/null; then
    read -r version cluster _ < <(pg_lsclusters --no-header | head -n 1) || true
    if [[ -n "${version:-}" ]]; then
      echo "Starting the local PostgreSQL cluster $version/$cluster ..."
      pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || true
    fi
  fi
  for _ in $(seq 1 30); do answering && break; sleep 1; done
  answering || { echo "PostgreSQL does not answer on $PGHOST:$PGPORT" >&2; exit 1; }
fi

if [[ "$recreate" == "--recreate" ]]; then
  psql -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null
fi
if [[ "$(psql -tA -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]]; then
  psql -q -d postgres -v ON_ERROR_STOP=1 -c "CREATE DATABASE $database" >/dev/null
  echo "Created database $database on $PGHOST:$PGPORT"
fi
echo "PostgreSQL ready on $PGHOST:$PGPORT, database $database"
