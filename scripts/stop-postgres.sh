#!/usr/bin/env bash
# Stops and removes a cluster made by start-postgres.sh.
set -euo pipefail
dir=${1:?usage: stop-postgres.sh DIR}
case "$dir" in /tmp/nara-pg.*) ;; *) echo "stop-postgres: refusing to remove $dir" >&2; exit 1 ;; esac
run_as=()
[ "$(id -u)" -eq 0 ] && run_as=(runuser -u postgres --)
"${run_as[@]}" /usr/lib/postgresql/15/bin/pg_ctl -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
rm -rf "$dir"
