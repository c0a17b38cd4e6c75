#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup() is reached through the EXIT trap
# Issue 20, point 3: `nara import fhir` of the 50 shared Synthea bundles (19,263 resources) into a
# fresh demo county, on SQLite (WAL, synchronous=FULL: every bundle's transaction is durable when
# it commits). Each round copies one freshly seeded demo county and imports every bundle, each in
# its own transaction; the rate is every resource of the bundles read (imported or not) per second
# of the whole command's import, and separately the imported ones (Patient, Encounter, Condition,
# Organization, Practitioner). The median of ROUNDS is the figure; one more import into the last
# round's database shows the re-import, which finds everything and changes nothing.
#
#   bench/fhir_import/run.sh                 # 5 rounds, SQLite
#   ROUNDS=9 ENGINES="sqlite postgres" bench/fhir_import/run.sh
#
# Environment (all optional): ROUNDS=5, ENGINES=sqlite (postgres: a throwaway PostgreSQL 15 with
# its durability defaults, a fresh database per round), NARA_BIN (default
# build/release/src/app/nara, built if missing), NARA_SHARED, RESULTS=path (also write the table).
# The machine is shared and noisy: most of a round's wall time is waiting for fsync, so read the
# median, not the best round.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROUNDS="${ROUNDS:-5}"
ENGINES="${ENGINES:-sqlite}"
export NARA_SHARED="${NARA_SHARED:-$root/../shared}"
NARA_BIN="${NARA_BIN:-$root/build/release/src/app/nara}"

if [[ ! -x "$NARA_BIN" ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target nara -j 2
fi

work="$(mktemp -d /tmp/nara-fhir-import.XXXXXX)"
pg_dir=""
cleanup() {
  if [[ -n "$pg_dir" ]]; then "$root/scripts/stop-postgres.sh" "$pg_dir" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tar xJf "$NARA_SHARED/data/synthea/synthea-50-patients.tar.xz" -C "$work"
bundles="$work/synthea"
[[ -d "$bundles" ]] || bundles="$(dirname "$(find "$work" -name '*.json' | head -1)")"

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# db-url -> "seconds read/s imported/s" of one `nara import fhir` (the command's own clock)
import_once() {
  local out
  out="$("$NARA_BIN" import fhir --quiet --db "$1" "$bundles")" || { echo "$out" >&2; exit 1; }
  echo "$out" | sed -n 's|.*Took \([0-9.]*\) s: \([0-9]*\) resources/s read, \([0-9]*\) imported.*|\1 \2 \3|p'
}

table="$work/table"
printf '%-9s %6s %9s %14s %17s\n' engine round seconds "resources/s" "imported/s" >"$table"
for engine in $ENGINES; do
  if [[ "$engine" == postgres ]]; then
    eval "$("$root/scripts/start-postgres.sh" --durable)"
    pg_dir="$NARA_TEST_POSTGRES_DIR"
  fi
  template="$work/template.db"
  [[ "$engine" == sqlite ]] && "$NARA_BIN" demo --db "sqlite:$template" >"$work/seed.log" 2>&1
  : >"$work/rates"
  for round in $(seq "$ROUNDS"); do
    if [[ "$engine" == sqlite ]]; then
      rm -f "$work/run.db" "$work/run.db-wal" "$work/run.db-shm"
      cp "$template" "$work/run.db"
      url="sqlite:$work/run.db"
    else
      url="${NARA_TEST_POSTGRES_URL%/*}/fhir_import_$round"
      psql -q "$NARA_TEST_POSTGRES_URL" -c "CREATE DATABASE fhir_import_$round" >/dev/null
      "$NARA_BIN" demo --db "$url" >"$work/seed.log" 2>&1
    fi
    read -r seconds rate imported < <(import_once "$url")
    printf '%-9s %6s %9s %14s %17s\n' "$engine" "$round" "$seconds" "$rate" "$imported" >>"$table"
    echo "$rate $imported" >>"$work/rates"
  done
  read -r seconds rate imported < <(import_once "$url")
  printf '%-9s %6s %9s %14s %17s\n' "$engine" "again" "$seconds" "$rate" "$imported" >>"$table"
  printf '%-9s %6s %9s %14s %17s\n' "$engine" median "" \
    "$(cut -d' ' -f1 "$work/rates" | median)" "$(cut -d' ' -f2 "$work/rates" | median)" >>"$table"
  if [[ -n "$pg_dir" ]]; then
    "$root/scripts/stop-postgres.sh" "$pg_dir" >/dev/null 2>&1 || true
    pg_dir=""
  fi
done
echo "nara import fhir: 50 Synthea bundles, 19,263 resources ($(git -C "$root" rev-parse --short HEAD), $(nproc) cores)"
cat "$table"
if [[ -n "${RESULTS:-}" ]]; then cp "$table" "$RESULTS"; fi
