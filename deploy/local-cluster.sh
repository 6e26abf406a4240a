#!/usr/bin/env bash
# A local SeaTable cluster: N silos on 127.0.0.1 sharing one PostgreSQL database and one data folder.
#
#   deploy/local-cluster.sh start [N]   create the database if absent, apply the schema, build the silo
#                                       (Release) and start N silos (default 3); waits until all answer
#   deploy/local-cluster.sh stop        SIGTERM each silo, wait up to SEATABLE_STOP_TIMEOUT s, then SIGKILL
#   deploy/local-cluster.sh status      each silo's pid and whether it is ready (GET /readyz)
#                                       (exit 0: all answer, 1: some do not, 3: no silo running)
#
# It installs nothing. It needs psql and a running PostgreSQL server, and says how to get them when absent.
#
# Settings (environment, defaults in brackets):
#   PGHOST [127.0.0.1]  PGPORT [5432]  PGUSER [seatable]  PGPASSWORD [seatable]   the login role
#   SEATABLE_DB [seatable_local]              database, created when absent (CREATE DATABASE via the
#                                             "postgres" database, owned by PGUSER)
#   SEATABLE_HTTP_PORT [8101]                 first silo's HTTP port; silo i uses HTTP_PORT + i - 1
#   SEATABLE_SILO_PORT [11111]                first silo-to-silo port, same numbering
#   SEATABLE_GATEWAY_PORT [30001]             first Orleans gateway port, same numbering
#   SEATABLE_CLUSTER_ID [seatable]  SEATABLE_SERVICE_ID [seatable]   (never change the service id once
#                                             data exists: storage and reminder rows are keyed by it)
#   SEATABLE_CLUSTER_DIR [<repo>/.cluster]    logs (logs/), pid files (run/), admin-password
#   SEATABLE_DATA_DIR [<cluster dir>/data]    the data folder shared by all silos (Data Protection keys)
#   SEATABLE_ADMIN_EMAIL [admin@seatable.local]
#   SEATABLE_ADMIN_PASSWORD [random]          when unset: the one saved in <cluster dir>/admin-password
#                                             by an earlier start, else a new random one saved there
#   SEATABLE_SKIP_BUILD [0]                   1: use the existing Release build
#   SEATABLE_START_TIMEOUT [90]  SEATABLE_STOP_TIMEOUT [30]   seconds, per silo
#
# The role: when PGUSER cannot log in, the script is run as root and PGHOST is this machine, it creates
# the role with `runuser -u postgres -- psql` (peer authentication over the local socket) as
# `CREATE ROLE <PGUSER> LOGIN CREATEDB PASSWORD <PGPASSWORD>`. It never changes an existing role.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-seatable}"
PGPASSWORD="${PGPASSWORD:-seatable}"
export PGHOST PGPORT PGUSER PGPASSWORD

DB_NAME="${SEATABLE_DB:-seatable_local}"
HTTP_BASE="${SEATABLE_HTTP_PORT:-8101}"
SILO_BASE="${SEATABLE_SILO_PORT:-11111}"
GATEWAY_BASE="${SEATABLE_GATEWAY_PORT:-30001}"
CLUSTER_ID="${SEATABLE_CLUSTER_ID:-seatable}"
SERVICE_ID="${SEATABLE_SERVICE_ID:-seatable}"
CLUSTER_DIR="${SEATABLE_CLUSTER_DIR:-$REPO_ROOT/.cluster}"
DATA_DIR="${SEATABLE_DATA_DIR:-$CLUSTER_DIR/data}"
ADMIN_EMAIL="${SEATABLE_ADMIN_EMAIL:-admin@seatable.local}"
START_TIMEOUT="${SEATABLE_START_TIMEOUT:-90}"
STOP_TIMEOUT="${SEATABLE_STOP_TIMEOUT:-30}"

RUN_DIR="$CLUSTER_DIR/run"
LOG_DIR="$CLUSTER_DIR/logs"
PASSWORD_FILE="$CLUSTER_DIR/admin-password"
SILO_DLL="$REPO_ROOT/silo/bin/Release/net10.0/SeaTable.Silo.dll"

say() { printf '%s\n' "$*"; }
fail() { printf 'local-cluster: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

is_number() { [[ "$1" =~ ^[0-9]+$ ]]; }

# ---------------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------------

postgres_hint() {
  cat >&2 <<EOF

PostgreSQL is needed (this script installs nothing). On Debian 12, as root:
  apt-get install -y postgresql
  pg_ctlcluster 15 main start          # 'pg_lsclusters' lists the installed clusters and versions
Then run this script again as root (it creates the login role '$PGUSER' itself), or create the role:
  runuser -u postgres -- psql -c "CREATE ROLE $PGUSER LOGIN CREATEDB PASSWORD '<password>'"
and set PGUSER / PGPASSWORD (and PGHOST / PGPORT for a server elsewhere).
EOF
}

is_local_host() {
  case "$PGHOST" in
    127.0.0.1 | localhost | ::1 | /*) return 0 ;;
    *) return 1 ;;
  esac
}

# psql as PGUSER on the given database, quiet (no NOTICEs from idempotent DDL), stopping at the first error.
pg() {
  local database="$1"
  shift
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -d "$database" "$@"
}

# psql as the postgres OS user over the local socket (peer authentication), without our PG* settings.
pg_as_postgres() {
  runuser -u postgres -- env -u PGHOST -u PGUSER -u PGPASSWORD -u PGDATABASE \
    psql -X -q -v ON_ERROR_STOP=1 -p "$PGPORT" -d postgres "$@"
}

check_postgres() {
  if ! command -v psql >/dev/null 2>&1; then
    say "local-cluster: psql is not installed." >&2
    postgres_hint
    exit 2
  fi

  if command -v pg_isready >/dev/null 2>&1; then
    if ! pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 5; then
      say "local-cluster: PostgreSQL does not answer on $PGHOST:$PGPORT." >&2
      postgres_hint
      exit 2
    fi
  fi

  local error
  if error="$(pg postgres -Atc 'SELECT 1' 2>&1 >/dev/null)"; then
    return 0
  fi

  if [[ "$error" == *"could not connect"* || "$error" == *"Connection refused"* ]]; then
    say "local-cluster: PostgreSQL does not answer on $PGHOST:$PGPORT: $error" >&2
    postgres_hint
    exit 2
  fi

  # The server answers but PGUSER cannot log in: as root on this machine, create the role.
  if [[ "$(id -u)" == 0 ]] && is_local_host && id postgres >/dev/null 2>&1 && command -v runuser >/dev/null 2>&1; then
    [[ "$PGUSER" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || fail "PGUSER '$PGUSER' is not a plain identifier."
    local exists
    exists="$(pg_as_postgres -Atc "SELECT 1 FROM pg_roles WHERE rolname = '$PGUSER'")" || {
      say "local-cluster: cannot log in as '$PGUSER' ($error), nor run psql as the postgres user." >&2
      postgres_hint
      exit 2
    }
    if [[ "$exists" == 1 ]]; then
      fail "the role '$PGUSER' exists but cannot log in with PGPASSWORD ($error). Set PGPASSWORD, or change it with:
  runuser -u postgres -- psql -c \"ALTER ROLE $PGUSER PASSWORD '<password>'\""
    fi
    say "Creating the PostgreSQL login role '$PGUSER' (LOGIN CREATEDB) as the postgres user"
    local quoted_password="${PGPASSWORD//\'/\'\'}"
    pg_as_postgres -c "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB PASSWORD '$quoted_password'" >/dev/null
    error="$(pg postgres -Atc 'SELECT 1' 2>&1 >/dev/null)" || fail "still cannot log in as '$PGUSER': $error
(pg_hba.conf must allow password logins from $PGHOST)"
    return 0
  fi

  say "local-cluster: cannot log in to PostgreSQL as '$PGUSER': $error" >&2
  postgres_hint
  exit 2
}

ensure_database() {
  [[ "$DB_NAME" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || fail "SEATABLE_DB '$DB_NAME' is not a plain identifier."
  if [[ "$(pg postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]]; then
    say "Creating database $DB_NAME"
    pg postgres -c "CREATE DATABASE \"$DB_NAME\"" >/dev/null
  fi
}

apply_schema() {
  local file
  say "Applying deploy/sql/postgresql to $DB_NAME"
  for file in "$REPO_ROOT"/deploy/sql/postgresql/*.sql; do
    # Every file is idempotent; each runs in one transaction.
    pg "$DB_NAME" --single-transaction -f "$file" >/dev/null
  done
}

admin_already_bootstrapped() {
  [[ "$(pg "$DB_NAME" -Atc "SELECT COUNT(*) FROM seatable_meta WHERE key = 'admin_bootstrapped'")" != 0 ]]
}

# A value for an Npgsql connection string: quoted when it holds a separator or a quote.
conn_value() {
  local value="$1"
  if [[ "$value" == *[\;\'\"=]* || "$value" =~ ^[[:space:]] || "$value" =~ [[:space:]]$ ]]; then
    printf '"%s"' "${value//\"/\"\"}"
  else
    printf '%s' "$value"
  fi
}

# ---------------------------------------------------------------------------------------------------
# Silos
# ---------------------------------------------------------------------------------------------------

pid_file() { printf '%s/silo-%s.pid' "$RUN_DIR" "$1"; }
url_file() { printf '%s/silo-%s.url' "$RUN_DIR" "$1"; }

# The silo numbers with a pid file, in order.
known_silos() {
  local file name
  [[ -d "$RUN_DIR" ]] || return 0
  for file in "$RUN_DIR"/silo-*.pid; do
    [[ -e "$file" ]] || continue
    name="${file##*/silo-}"
    printf '%s\n' "${name%.pid}"
  done | sort -n
}

# True while the process exists and has not exited (a zombie has).
is_alive() {
  local pid="$1" state
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  state="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -c1)"
  [[ "$state" != Z ]]
}

# True when the pid is alive and is one of our silos (a recycled pid is not).
is_our_silo() {
  local pid="$1"
  is_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'SeaTable.Silo.dll'
}

answers() {
  curl -fsS --max-time 3 -o /dev/null "$1/readyz" 2>/dev/null
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_silo() {
  local i="$1" http silo gateway
  http=$((HTTP_BASE + i - 1))
  silo=$((SILO_BASE + i - 1))
  gateway=$((GATEWAY_BASE + i - 1))
  local url="http://127.0.0.1:$http"
  local connection
  connection="Host=$(conn_value "$PGHOST");Port=$PGPORT;Username=$(conn_value "$PGUSER");Password=$(conn_value "$PGPASSWORD");Database=$DB_NAME"

  (
    cd "$CLUSTER_DIR"
    export SeaTable__Storage__Provider=PostgreSQL
    export ConnectionStrings__SeaTable="$connection"
    export SeaTable__DataDir="$DATA_DIR"
    export SeaTable__Orleans__ClusterId="$CLUSTER_ID"
    export SeaTable__Orleans__ServiceId="$SERVICE_ID"
    export SeaTable__Orleans__AdvertisedAddress=127.0.0.1
    export SeaTable__Orleans__ListenOnAnyAddress=false
    export SeaTable__Orleans__SiloPort="$silo"
    export SeaTable__Orleans__GatewayPort="$gateway"
    export SeaTable__Admin__Email="$ADMIN_EMAIL"
    export SeaTable__Admin__Password="$ADMIN_PASSWORD"
    # Its own session: the silo outlives this script and a Ctrl-C in its terminal.
    exec setsid dotnet "$SILO_DLL" --urls "$url" >>"$LOG_DIR/silo-$i.log" 2>&1 </dev/null
  ) &
  printf '%s\n' "$!" >"$(pid_file "$i")"
  printf '%s\n' "$url" >"$(url_file "$i")"
  say "Started silo $i (pid $!): http $url, silo port $silo, gateway port $gateway, log ${LOG_DIR#"$REPO_ROOT"/}/silo-$i.log"
}

# Waits until silo i answers; on failure shows its log's tail and stops what was started.
wait_for_silo() {
  local i="$1" pid url deadline
  pid="$(cat "$(pid_file "$i")")"
  url="$(cat "$(url_file "$i")")"
  deadline=$((SECONDS + START_TIMEOUT))
  until answers "$url"; do
    if ! is_alive "$pid"; then
      say "local-cluster: silo $i (pid $pid) exited before answering. Last lines of its log:" >&2
      tail -n 30 "$LOG_DIR/silo-$i.log" >&2 || true
      stop_all >&2
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      say "local-cluster: silo $i was not ready ($url/readyz) within ${START_TIMEOUT}s. Last lines of its log:" >&2
      tail -n 30 "$LOG_DIR/silo-$i.log" >&2 || true
      stop_all >&2
      exit 1
    fi
    sleep 0.3
  done
}

# The admin password to pass to the silos; saved (mode 600) when this start is the one that creates the
# admin. Once the admin exists the silos ignore it, and the saved file keeps the password that was set.
resolve_admin_password() {
  local bootstrapped="$1"
  if [[ -n "${SEATABLE_ADMIN_PASSWORD:-}" ]]; then
    ADMIN_PASSWORD="$SEATABLE_ADMIN_PASSWORD"
  elif [[ -s "$PASSWORD_FILE" ]]; then
    ADMIN_PASSWORD="$(cat "$PASSWORD_FILE")"
  else
    ADMIN_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=\n')"
  fi
  if ((!bootstrapped)); then
    (umask 077 && printf '%s\n' "$ADMIN_PASSWORD" >"$PASSWORD_FILE")
  fi
}

cmd_start() {
  local count="${1:-3}" i
  is_number "$count" && ((count >= 1)) || fail "start takes a number of silos (1 or more), not '$count'."
  for value in "$HTTP_BASE" "$SILO_BASE" "$GATEWAY_BASE" "$PGPORT" "$START_TIMEOUT"; do
    is_number "$value" || fail "'$value' is not a number (check the port and timeout settings)."
  done
  command -v curl >/dev/null 2>&1 || fail "curl is needed to check the silos (apt-get install -y curl)."
  command -v dotnet >/dev/null 2>&1 || fail "the .NET 10 SDK (dotnet) is needed to build the silo."

  for i in $(known_silos); do
    if is_our_silo "$(cat "$(pid_file "$i")")"; then
      fail "silo $i is already running (pid $(cat "$(pid_file "$i")")); run '$0 stop' first."
    fi
  done
  for ((i = 1; i <= count; i++)); do
    for port in $((HTTP_BASE + i - 1)) $((SILO_BASE + i - 1)) $((GATEWAY_BASE + i - 1)); do
      port_in_use "$port" && fail "port $port on 127.0.0.1 is in use; choose other ports (SEATABLE_HTTP_PORT, SEATABLE_SILO_PORT, SEATABLE_GATEWAY_PORT)."
    done
  done

  check_postgres
  ensure_database
  apply_schema

  mkdir -p "$RUN_DIR" "$LOG_DIR" "$DATA_DIR"
  rm -f "$RUN_DIR"/silo-*.pid "$RUN_DIR"/silo-*.url

  local bootstrapped=0
  if admin_already_bootstrapped; then bootstrapped=1; fi
  resolve_admin_password "$bootstrapped"

  if [[ "${SEATABLE_SKIP_BUILD:-0}" != 1 ]]; then
    say "Building the silo (Release)"
    dotnet build -c Release "$REPO_ROOT/silo" -nologo -v quiet -clp:ErrorsOnly >"$LOG_DIR/build.log" 2>&1 || {
      tail -n 40 "$LOG_DIR/build.log" >&2
      fail "the build failed (full output in $LOG_DIR/build.log)."
    }
  fi
  [[ -f "$SILO_DLL" ]] || fail "$SILO_DLL is missing: build with 'dotnet build -c Release silo'."

  # The first silo alone first: it creates the Data Protection key ring and bootstraps the admin.
  start_silo 1
  wait_for_silo 1
  for ((i = 2; i <= count; i++)); do
    start_silo "$i"
  done
  for ((i = 2; i <= count; i++)); do
    wait_for_silo "$i"
  done

  say ""
  say "SeaTable cluster of $count silo(s) is up (database $DB_NAME on $PGHOST:$PGPORT, data ${DATA_DIR}):"
  for ((i = 1; i <= count; i++)); do
    say "  silo $i: $(cat "$(url_file "$i")")"
  done
  if ((bootstrapped)); then
    say "Admin: created on an earlier start of database $DB_NAME (the admin settings are ignored now)."
    if [[ -s "$PASSWORD_FILE" ]]; then
      say "       The password this script set then, saved in ${PASSWORD_FILE}: $(cat "$PASSWORD_FILE")"
    fi
  else
    say "Admin: $ADMIN_EMAIL / $ADMIN_PASSWORD (saved in $PASSWORD_FILE)"
  fi
  say "Stop with: $0 stop"
}

stop_silo() {
  local i="$1" pid waited=0
  pid="$(cat "$(pid_file "$i")" 2>/dev/null || true)"
  if ! is_our_silo "$pid"; then
    say "silo $i: not running"
    rm -f "$(pid_file "$i")" "$(url_file "$i")"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  while is_alive "$pid" && ((waited < STOP_TIMEOUT * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if is_alive "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
    say "silo $i (pid $pid): killed after ${STOP_TIMEOUT}s"
  else
    say "silo $i (pid $pid): stopped"
  fi
  rm -f "$(pid_file "$i")" "$(url_file "$i")"
}

stop_all() {
  local silos i
  silos="$(known_silos | sort -rn)"
  if [[ -z "$silos" ]]; then
    say "No silo to stop."
    return 0
  fi
  for i in $silos; do
    stop_silo "$i"
  done
}

cmd_status() {
  local silos i pid url running=0 answering=0 total=0
  silos="$(known_silos)"
  if [[ -z "$silos" ]]; then
    say "No silo running (no pid files in ${RUN_DIR})."
    return 3
  fi
  for i in $silos; do
    total=$((total + 1))
    pid="$(cat "$(pid_file "$i")" 2>/dev/null || true)"
    url="$(cat "$(url_file "$i")" 2>/dev/null || true)"
    if is_our_silo "$pid"; then
      running=$((running + 1))
      if answers "$url"; then
        answering=$((answering + 1))
        say "silo $i: pid $pid, $url, answers"
      else
        say "silo $i: pid $pid, $url, does not answer"
      fi
    else
      say "silo $i: not running (stale pid file, pid ${pid:-?}), $url"
    fi
  done
  ((running == 0)) && return 3
  ((answering == total)) && return 0
  return 1
}

main() {
  local command="${1:-}"
  case "$command" in
    start)
      shift
      (($# <= 1)) || fail "start takes at most one argument (the number of silos)."
      cmd_start "${1:-3}"
      ;;
    stop)
      stop_all
      ;;
    status)
      cmd_status
      ;;
    -h | --help | help)
      usage
      ;;
    *)
      usage >&2
      exit 64
      ;;
  esac
}

main "$@"
