#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests, and prints its URL.
#
#   bash scripts/pg-start.sh          # (npm run db:start) start, or find running
#   bash scripts/pg-start.sh stop     # stop it (the data stays until `clean`)
#   bash scripts/pg-start.sh clean    # stop it and delete its data
#
# The last line of the output is always `LOYALTY_PG_URL=postgres://...`
# (everything else goes to stderr), so a caller can do:
#
#   export "$(bash scripts/pg-start.sh | tail -n 1)"
#
# What it does:
#   1. Finds `initdb` and `pg_ctl` (on PATH, else the newest
#      /usr/lib/postgresql/<version>/bin). If they are missing and this runs
#      as root on Debian/Ubuntu, `apt-get install -y postgresql` installs them;
#      otherwise it stops with a message.
#   2. Keeps the cluster in $LOYALTY_PG_DIR (default /tmp/loyalty-engine-pg):
#      data/, the unix socket in sock/, the server log in server.log and the
#      port in port. The cluster is created (initdb) on first use, with trust
#      authentication for local and 127.0.0.1 connections only, and fsync off:
#      it is for tests, never for data you want to keep.
#   3. As root, runs the server as the `postgres` user (created if needed),
#      since initdb and postgres refuse to run as root.
#   4. Starts it on 127.0.0.1, port $LOYALTY_PG_PORT (default 54329) or the
#      next free one, and creates the database $LOYALTY_PG_DB (default
#      loyalty_test), owned by the superuser `postgres`.
#   5. Idempotent: when the server is already running it only makes sure the
#      database exists and prints the URL again.
set -euo pipefail

BASE=${LOYALTY_PG_DIR:-/tmp/loyalty-engine-pg}
PORT=${LOYALTY_PG_PORT:-54329}
DB=${LOYALTY_PG_DB:-loyalty_test}
SUPERUSER=postgres
DATA=$BASE/data
SOCK=$BASE/sock
LOG=$BASE/server.log

[[ "$DB" =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] || { echo "pg-start: LOYALTY_PG_DB must be a plain identifier" >&2; exit 1; }
[[ "$PORT" =~ ^[0-9]+$ ]] || { echo "pg-start: LOYALTY_PG_PORT must be a number" >&2; exit 1; }

say() { echo "pg-start: $*" >&2; }
die() { say "$*"; exit 1; }

find_bin_dir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
    return 0
  fi
  return 1
}

BIN=$(find_bin_dir || true)
if [ -z "$BIN" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "initdb/pg_ctl not found: installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    BIN=$(find_bin_dir || true)
  fi
  [ -n "$BIN" ] || die "initdb/pg_ctl not found; install PostgreSQL (Debian: apt-get install postgresql) or set LOYALTY_PG_URL yourself"
fi

# As root the server runs as `postgres`; otherwise as the current user.
if [ "$(id -u)" -eq 0 ]; then
  if ! id "$SUPERUSER" >/dev/null 2>&1; then
    say "creating system user $SUPERUSER"
    useradd --system --no-create-home --shell /bin/sh "$SUPERUSER"
  fi
  as_owner() {
    if command -v runuser >/dev/null 2>&1; then
      (cd / && runuser -u "$SUPERUSER" -- "$@")
    else
      (cd / && su "$SUPERUSER" -s /bin/sh -c "$(printf '%q ' "$@")")
    fi
  }
  OWNER=$SUPERUSER
else
  as_owner() { (cd / && "$@"); }
  OWNER=$(id -un)
fi

psql_bin() {
  if [ -x "$BIN/psql" ]; then echo "$BIN/psql"; else command -v psql || true; fi
}

running() { as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_server() {
  if [ -d "$DATA" ] && running; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
  fi
}

case "${1:-start}" in
  start) ;;
  stop)
    stop_server
    exit 0
    ;;
  clean)
    stop_server
    rm -rf "$BASE"
    exit 0
    ;;
  *) die "unknown command ${1}; use start, stop or clean" ;;
esac

mkdir -p "$BASE"
chown "$OWNER" "$BASE" 2>/dev/null || true
chmod 700 "$BASE"

VERSION=$("$BIN/pg_ctl" --version | sed -E 's/[^0-9]*([0-9]+).*/\1/')
if [ -f "$DATA/PG_VERSION" ] && [ "$(cat "$DATA/PG_VERSION")" != "$VERSION" ]; then
  say "cluster in $DATA is from PostgreSQL $(cat "$DATA/PG_VERSION"), not $VERSION: recreating it"
  stop_server || true
  rm -rf "$DATA"
fi

if [ -d "$DATA" ] && ! [ -f "$DATA/PG_VERSION" ]; then
  say "incomplete cluster in $DATA: recreating it"
  rm -rf "$DATA"
fi

if ! [ -d "$DATA" ]; then
  say "initdb (PostgreSQL $VERSION) in $DATA"
  as_owner "$BIN/initdb" -D "$DATA" -U "$SUPERUSER" --auth=trust --encoding=UTF8 --locale=C --no-sync >"$BASE/initdb.log" 2>&1 ||
    { cat "$BASE/initdb.log" >&2; die "initdb failed"; }
fi

if running; then
  # line 4 of postmaster.pid is the port the running server listens on
  PORT=$(sed -n 4p "$DATA/postmaster.pid" 2>/dev/null || cat "$BASE/port" 2>/dev/null || echo "$PORT")
  say "already running on port $PORT"
else
  while port_in_use "$PORT"; do
    say "port $PORT is taken, trying $((PORT + 1))"
    PORT=$((PORT + 1))
  done
  mkdir -p "$SOCK"
  chown "$OWNER" "$SOCK" 2>/dev/null || true
  say "starting on 127.0.0.1:$PORT (socket in $SOCK, log in $LOG)"
  OPTS="-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$SOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
  if ! as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -o "$OPTS" -w -t 60 start >/dev/null; then
    tail -n 20 "$LOG" >&2 || true
    die "the server did not start"
  fi
  echo "$PORT" >"$BASE/port"
fi

PSQL=$(psql_bin)
if [ -n "$PSQL" ]; then
  exists=$(as_owner "$PSQL" -h "$SOCK" -p "$PORT" -U "$SUPERUSER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")
  if [ "$exists" != "1" ]; then
    say "creating database $DB"
    as_owner "$PSQL" -h "$SOCK" -p "$PORT" -U "$SUPERUSER" -d postgres -qc "CREATE DATABASE \"$DB\"" >&2
  fi
else
  die "psql not found next to pg_ctl: cannot create database $DB"
fi

echo "LOYALTY_PG_URL=postgres://$SUPERUSER@127.0.0.1:$PORT/$DB"
