#!/usr/bin/env bash
# Opens N idle connections to the local PostgreSQL and holds them until stopped, as another job or a forgotten
# psql session would: proves the suite fits beside them.
#
#   bench/hold-connections.sh start [N]   (default 50; connections to the "postgres" database)
#   bench/hold-connections.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/tools.sh
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
pids=target/hold-connections.pids
mkdir -p target

case ${1:-} in
    start)
        count=${2:-50}
        : >"$pids"
        for _ in $(seq 1 "$count"); do
            psql -d postgres -AtqX -c 'select pg_sleep(3600)' >/dev/null 2>&1 &
            echo $! >>"$pids"
        done
        sleep 2
        echo "holding $(psql -d postgres -AtqX -c "select count(*) from pg_stat_activity
            where query = 'select pg_sleep(3600)'") connections (pids in $pids)"
        ;;
    stop)
        [ -f "$pids" ] && xargs -r kill <"$pids" 2>/dev/null || true
        rm -f "$pids"
        # A backend in pg_sleep notices its client is gone only when it next writes: end them too.
        psql -d postgres -AtqX -c "select count(pg_terminate_backend(pid)) from pg_stat_activity
            where query = 'select pg_sleep(3600)' and usename = current_user" >/dev/null
        ;;
    *)
        echo "usage: $0 start [N] | stop" >&2
        exit 2
        ;;
esac
