#!/usr/bin/env bash
# Installs (when missing) and starts PostgreSQL, MariaDB and Redis from Debian's packages, each
# on 127.0.0.1 with a throwaway data directory, and prints the `export` lines of their URLs:
#   eval "$(bash .ci/databases.sh)"
# The role `app` may create databases, so tests can give each run a fresh one.
set -euo pipefail
PG_PORT=${PG_PORT:-55432}
MY_PORT=${MY_PORT:-53306}
RD_PORT=${RD_PORT:-56379}
ROOT=${DB_ROOT:-/tmp/ci-databases}
log() { echo "databases: $*" >&2; }

need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
command -v mariadbd >/dev/null || need+=(mariadb-server)
command -v redis-server >/dev/null || need+=(redis-server)
if ((${#need[@]})); then
  log "installing ${need[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
mkdir -p "$ROOT"

start_postgres() {
  local bin dir=$ROOT/postgres
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  if runuser -u postgres -- "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then return; fi
  rm -rf "$dir" && mkdir -p "$dir" && chown postgres: "$dir"
  runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
    -o "-h 127.0.0.1 -p $PG_PORT -k $dir -c fsync=off -c synchronous_commit=off" start
  runuser -u postgres -- "$bin/psql" -q -h "$dir" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE app LOGIN CREATEDB PASSWORD 'app'" -c "CREATE DATABASE app OWNER app" >/dev/null
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

start_mariadb() {
  local dir=$ROOT/mariadb
  if mariadb-admin --no-defaults -h 127.0.0.1 -P "$MY_PORT" -u app -papp ping >/dev/null 2>&1; then
    return
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  mariadb-install-db --no-defaults --datadir="$dir/data" --user=root \
    --auth-root-authentication-method=socket >"$dir/install.log" 2>&1
  setsid mariadbd --no-defaults --datadir="$dir/data" --user=root --bind-address=127.0.0.1 \
    --port="$MY_PORT" --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" \
    --skip-log-bin --innodb-flush-log-at-trx-commit=0 --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci >"$dir/server.log" 2>&1 </dev/null &
  for _ in $(seq 60); do
    mariadb-admin --no-defaults -S "$dir/mysqld.sock" -u root ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  mariadb --no-defaults -S "$dir/mysqld.sock" -u root -e "
    CREATE DATABASE IF NOT EXISTS app CHARACTER SET utf8mb4;
    CREATE USER IF NOT EXISTS 'app'@'127.0.0.1' IDENTIFIED BY 'app';
    CREATE USER IF NOT EXISTS 'app'@'localhost' IDENTIFIED BY 'app';
    GRANT ALL PRIVILEGES ON *.* TO 'app'@'127.0.0.1';
    GRANT ALL PRIVILEGES ON *.* TO 'app'@'localhost';"
  log "MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$MY_PORT"
}

start_redis() {  # no persistence: the tests' counts are worth nothing after the run
  local dir=$ROOT/redis
  if redis-cli -h 127.0.0.1 -p "$RD_PORT" ping >/dev/null 2>&1; then return; fi
  rm -rf "$dir" && mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$RD_PORT" --dir "$dir" --save "" --appendonly no \
    --daemonize yes --logfile "$dir/server.log" --pidfile "$dir/redis.pid"
  for _ in $(seq 40); do
    redis-cli -h 127.0.0.1 -p "$RD_PORT" ping >/dev/null 2>&1 && break
    sleep 0.25
  done
  log "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$RD_PORT"
}

start_postgres
start_mariadb
start_redis
echo "export TEST_POSTGRES_URL=postgresql://app:app@127.0.0.1:$PG_PORT/app"
echo "export TEST_MYSQL_URL=mysql://app:app@127.0.0.1:$MY_PORT/app"
echo "export TEST_REDIS_URL=redis://127.0.0.1:$RD_PORT/0"
