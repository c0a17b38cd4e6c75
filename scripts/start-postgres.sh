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
# Below Linux's ephemeral range (32768-60999 by default): a port in it can be taken between the
# check above and PostgreSQL's bind by any outgoing connection (a CI run once lost 55432 to the
# browser tests that had just finished). A port that is lost anyway is retried with the next one.
first_port=25432
last_port=25531

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
port=""
for candidate in $(seq "$first_port" "$last_port"); do
  port_is_free "$candidate" || continue
  rm -f "$dir/server.log"  # so that only this attempt's failure is read below
  if "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $candidate -k $dir -c listen_addresses=127.0.0.1 ${durability[*]} -c max_connections=200" \
    start >/dev/null; then
    port=$candidate
    break
  fi
  grep -q "Address already in use" "$dir/server.log" || { cat "$dir/server.log" >&2; exit 1; }
done
[ -n "$port" ] || { echo "start-postgres: no free port in $first_port-$last_port" >&2; exit 1; }
"${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U nara nara_test

echo "export NARA_TEST_POSTGRES_URL=postgresql://nara@127.0.0.1:$port/nara_test"
echo "export NARA_TEST_POSTGRES_DIR=$dir"
