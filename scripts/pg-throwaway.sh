#!/usr/bin/env bash
# A throw-away PostgreSQL server for the history-store tests (the Debian `postgresql` package's
# binaries, a temporary data folder, a free port on 127.0.0.1, no password, fsync off).
#
#   eval "$(bash scripts/pg-throwaway.sh start /tmp/gdcc-pg)"   # exports GDCC_AUDIT_TEST_PG
#   bash scripts/pg-throwaway.sh stop /tmp/gdcc-pg
#
# root cannot run initdb: as root the server runs as the `postgres` user.
set -euo pipefail
command=${1:?usage: pg-throwaway.sh start|stop DIR}
dir=${2:?usage: pg-throwaway.sh start|stop DIR}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "pg-throwaway: no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi
# runuser lives in /usr/sbin, which a minimal PATH (env -i PATH=/usr/bin:/bin) leaves out.
runuser=$(command -v runuser || ls /usr/sbin/runuser /sbin/runuser 2>/dev/null | head -n 1 || true)
as_pg() { if [ "$(id -u)" -eq 0 ]; then "${runuser:-runuser}" -u postgres -- "$@"; else "$@"; fi; }

case "$command" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    chmod 700 "$dir"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_pg "$bindir/initdb" -D "$dir/data" -A trust -U gdcc -E UTF8 --no-locale --no-sync >/dev/null
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
      start >/dev/null
    as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U gdcc gdcc_audit_test
    echo "export GDCC_AUDIT_TEST_PG=postgresql+psycopg://gdcc@127.0.0.1:$port/gdcc_audit_test"
    ;;
  stop)
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  *)
    echo "usage: pg-throwaway.sh start|stop DIR" >&2
    exit 2
    ;;
esac
