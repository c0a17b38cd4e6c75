#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster on a free loopback port in a temporary folder.
# Prints shell lines to eval: NARA_TEST_POSTGRES_URL and NARA_TEST_POSTGRES_DIR.
# Stop and remove it with: scripts/stop-postgres.sh "$NARA_TEST_POSTGRES_DIR"
#   --durable  keep PostgreSQL's durability defaults (fsync, synchronous_commit, full-page
#              writes), for benchmarks; without it they are off, which tests do not need.
set -euo pipefail

durability=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
if [ "${1:-}" = "--durable" ]; then durability=(); fi

bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ]; then
  echo "start-postgres: PostgreSQL 15 is not installed (scripts/install-deps.sh --test installs it)" >&2
  exit 1
fi

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=""
for candidate in $(seq 55432 55532); do
  if port_is_free "$candidate"; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "start-postgres: no free port in 55432-55532" >&2; exit 1; }

dir=$(mktemp -d /tmp/nara-pg.XXXXXX)
run_as=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb refuses to run as root: use the unprivileged account the Debian package creates.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  run_as=(runuser -u postgres --)
fi

"${run_as[@]}" "$bin/initdb" -D "$dir/data" -U nara --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
# Durability settings are off unless --durable: this cluster lives for one run only.
"${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 ${durability[*]} -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
"${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U nara nara_test

echo "export NARA_TEST_POSTGRES_URL=postgresql://nara@127.0.0.1:$port/nara_test"
echo "export NARA_TEST_POSTGRES_DIR=$dir"
