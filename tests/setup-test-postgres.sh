#!/usr/bin/env bash
# Sets up the local PostgreSQL the PostgreSQL half of the test suite runs on (the "_PostgreSql" collections,
# the cluster and restart tests): installs Debian's postgresql package when absent, creates and starts the
# cluster, raises max_connections to 300 and creates the login role seatable_ci (LOGIN CREATEDB, password
# seatable_ci; every test creates and drops its own database). .ci/run runs it; on a laptop run it once:
#
#   tests/setup-test-postgres.sh      # needs root or sudo; safe to run again
#   dotnet test                       # the tests find the seatable_ci role on 127.0.0.1:5432 by themselves
#
# Prints the connection string the tests use on stdout (everything else goes to stderr), so
#   export SEATABLE_TEST_POSTGRES="$(tests/setup-test-postgres.sh)"
# names it explicitly. Settings (environment):
#   SEATABLE_TEST_PG_CLUSTER [main]   Debian cluster name (pg_createcluster / pg_ctlcluster)
#   SEATABLE_TEST_PG_PORT    [5432]   its port, for a new cluster; an existing one keeps its own
set -euo pipefail

cluster="${SEATABLE_TEST_PG_CLUSTER:-main}"
port="${SEATABLE_TEST_PG_PORT:-5432}"
role=seatable_ci
password=seatable_ci
# Three silos per test with up to 20 pooled connections each, plus restarts: more than the default 100.
max_connections=300

say() { printf '%s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root runuser -u postgres -- "$@"; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  say "setup-test-postgres: installing Debian's postgresql package"
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
existing_port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')
if [ -z "$existing_port" ]; then
  as_root pg_createcluster --port "$port" "$version" "$cluster" >&2
else
  port="$existing_port"
fi

psql_admin() { as_postgres psql --port "$port" -X -q "$@"; }
wait_for_postgres() {
  for _ in $(seq 1 60); do
    as_postgres pg_isready -q --port "$port" && return 0
    sleep 1
  done
  say "setup-test-postgres: PostgreSQL $version/$cluster did not become ready on port $port"
  return 1
}

as_root pg_ctlcluster "$version" "$cluster" start >&2 || true # "already running" is fine
wait_for_postgres

# Restart only when the limit is too low: the server may be in use by other work on this machine.
current=$(psql_admin -tAc "SHOW max_connections")
if [ "$current" -lt "$max_connections" ]; then
  psql_admin -c "ALTER SYSTEM SET max_connections = $max_connections" >&2
  as_root pg_ctlcluster "$version" "$cluster" restart >&2
  wait_for_postgres
fi

psql_admin >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END
\$\$;
SQL

connection="Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=postgres;Timeout=10"
# The check the tests make: the role logs in over TCP with its password.
granted=$(psql "host=127.0.0.1 port=$port user=$role password=$password dbname=postgres" -X -tAc "SHOW max_connections")
say "setup-test-postgres: PostgreSQL $version/$cluster on 127.0.0.1:$port, role $role, max_connections $granted"
printf '%s\n' "$connection"
