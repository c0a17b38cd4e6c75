#!/usr/bin/env bash
# Issue 2 point 2: `nara` subcommands, configuration from flags, NARA_* variables and a config
# file, and issue 3's audit commands with their exit codes.
set -euo pipefail
nara=$1
shared=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
check() {  # check NAME EXPECTED_EXIT PATTERN -- command...
  local name=$1 expected=$2 pattern=$3
  shift 4
  local out rc=0
  out=$("$@" 2>&1) || rc=$?
  if [ "$rc" != "$expected" ] || ! grep -qE "$pattern" <<<"$out"; then
    echo "FAIL $name: exit $rc (wanted $expected), output: $out"
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

check version 0 '^0\.[0-9]+\.[0-9]+' -- "$nara" --version
check no_subcommand 106 'subcommand' -- "$nara"
check migrate_flag 0 'schema version [0-9]+' -- "$nara" migrate --db "sqlite:$dir/flag.db"
check migrate_again 0 ': 0 applied' -- "$nara" migrate --db "sqlite:$dir/flag.db"
check migrate_env 0 "sqlite:$dir/env.db" -- env NARA_DB="sqlite:$dir/env.db" "$nara" migrate
printf 'db = "sqlite:%s/file.db"\n' "$dir" >"$dir/nara.toml"
check migrate_config_file 0 "sqlite:$dir/file.db" -- "$nara" --config "$dir/nara.toml" migrate
check bad_db_url 1 'unsupported database URL' -- "$nara" migrate --db "mysql://nowhere"
check demo 0 'Seeded the demo county' -- "$nara" demo --db "sqlite:$dir/demo.db" --shared "$shared"
check demo_again 0 'already present' -- "$nara" demo --db "sqlite:$dir/demo.db" --shared "$shared"
check audit_verify 0 'intact' -- "$nara" audit verify --db "sqlite:$dir/demo.db"
check retention_minimum 2 'minst fem' -- "$nara" audit apply-retention --db "sqlite:$dir/demo.db" --log-retention-years 3
check retention_default 0 'older than 10 years' -- "$nara" audit apply-retention --db "sqlite:$dir/demo.db"
sqlite3 "$dir/demo.db" "UPDATE audit_entries SET outcome = 'x' WHERE seq = 1"
check audit_tampered 1 'BROKEN at entry 1' -- "$nara" audit verify --db "sqlite:$dir/demo.db"

# Issue 7 point 5: `nara plan FILE` on a shared benchmark instance writes a checked plan as JSON.
tar xJf "$shared/data/routing/hhcrsp-mankowska.tar.xz" -C "$dir"
instance=$(find "$dir" -name 'InstanzCPLEX_HCSRP_10_1.json' | head -1)
check plan 0 '"feasible":true' -- "$nara" plan "$instance" --time-limit 1
check plan_missing_file 105 'does not exist' -- "$nara" plan "$dir/missing.json"

echo "$(( $(grep -c '^  *check ' "$0") - failures )) passed, $failures failed"
[ "$failures" -eq 0 ]
