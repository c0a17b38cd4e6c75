#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup() is reached through the EXIT trap
# Issue 3, point 9: the authenticated person GET (and the 50-item person list) on two nara builds
# side by side in one run, e.g. before and after the access policy and the audit log.
#
#   BASE_BIN=/tmp/nara-base/build/release/src/app/nara bench/http/compare.sh
#   ROUNDS=5 BASE_BIN=... NEW_BIN=... bench/http/compare.sh
#
# Each build seeds its own throwaway demo county with its own binary (the schemas differ)
# and is measured on the first person its list shows the signed-in user. Both servers run during
# the whole run; the one not being measured is idle. Rounds alternate which build goes first.
#
# Environment (all optional except BASE_BIN):
#   BASE_BIN=path       the reference binary
#   NEW_BIN=path        the binary under test (default build/release/src/app/nara, not rebuilt)
#   ROUNDS=3 DURATION=10s CONNECTIONS=64 WRK_THREADS=2 WARMUP=2s NARA_THREADS=0 BENCH_USER=dsk.kramfors
#   RESULTS=path        also write the summary to this file
#   DB_ENGINE=sqlite    or postgres: both counties in one throwaway PostgreSQL 15 cluster with its
#                       durability defaults (scripts/start-postgres.sh --durable), one database
#                       per build; server CPU per request then counts nara only, not PostgreSQL
#
# Loopback only; takes about ROUNDS x 4 x (DURATION + WARMUP) plus seeding.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
CONNECTIONS="${CONNECTIONS:-64}"
WRK_THREADS="${WRK_THREADS:-2}"
NARA_THREADS="${NARA_THREADS:-0}"
BASE_BIN="${BASE_BIN:?set BASE_BIN to the reference nara binary}"
NEW_BIN="${NEW_BIN:-$root/build/release/src/app/nara}"
USERNAME="${BENCH_USER:-dsk.kramfors}"

# shellcheck source=bench/http/lib.sh
source "$here/lib.sh"
bench_require_tools wrk curl jq "$BASE_BIN" "$NEW_BIN"

work="$(mktemp -d /tmp/nara-compare.XXXXXX)"
declare -A pid=() base_url=() token=() path=() bytes=()
cleanup() {
  local b
  for b in "${!pid[@]}"; do bench_stop "${pid[$b]}"; done
  bench_stop "${started_pid:-}"  # a server that failed during start-up, before it was recorded
  if [[ -n "${pg_dir:-}" ]]; then "$root/scripts/stop-postgres.sh" "$pg_dir" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DB_ENGINE="${DB_ENGINE:-sqlite}"
declare -A db_url=()
case "$DB_ENGINE" in
  sqlite) ;;
  postgres)
    pg_env="$("$root/scripts/start-postgres.sh" --durable)"
    pg_url="$(sed -n 's/^export NARA_TEST_POSTGRES_URL=//p' <<<"$pg_env")"
    pg_dir="$(sed -n 's/^export NARA_TEST_POSTGRES_DIR=//p' <<<"$pg_env")"
    for b in base new; do
      psql -q "$pg_url" -c "CREATE DATABASE nara_$b"
      db_url[$b]="${pg_url%/*}/nara_$b"
    done
    ;;
  *) echo "DB_ENGINE must be sqlite or postgres" >&2; exit 2 ;;
esac

builds=(base new)
declare -A bin=([base]="$BASE_BIN" [new]="$NEW_BIN")
for b in "${builds[@]}"; do
  echo "== $b: ${bin[$b]}"
  mkdir -p "$work/$b"
  [[ -n "${db_url[$b]:-}" ]] || db_url[$b]="sqlite:$work/$b/nara.db"
  bench_seed "${bin[$b]}" "${db_url[$b]}" "$work/$b/demo.log"
  bench_start_nara "${bin[$b]}" "${db_url[$b]}" "$work/$b/nara.out" "$work/$b/nara.err" "$NARA_THREADS"
  pid[$b]="$started_pid"
  echo "   allocator: $(bench_allocator "$started_pid")"
  base_url[$b]="http://127.0.0.1:$started_port"
  token[$b]="$(bench_sign_in "${base_url[$b]}" "$USERNAME")"
  curl -sf -H "Authorization: Bearer ${token[$b]}" "${base_url[$b]}/api/v1/persons?limit=50" >"$work/$b/list.json"
  person_id="$(jq -r '.items[0].id' "$work/$b/list.json")"
  curl -sf -H "Authorization: Bearer ${token[$b]}" "${base_url[$b]}/api/v1/persons/$person_id" >"$work/$b/person.json"
  path[$b-person]="/api/v1/persons/$person_id"
  path[$b-list]="/api/v1/persons?limit=50"
  bytes[$b-person]="$(stat -c %s "$work/$b/person.json")"
  bytes[$b-list]="$(stat -c %s "$work/$b/list.json")"
  echo "   port ${base_url[$b]##*:}; person $person_id: ${bytes[$b-person]} bytes;" \
    "list of $(jq '.items | length' "$work/$b/list.json"): ${bytes[$b-list]} bytes"
done

audit_counter() {  # build name -> a counter from the build's /metrics, or "" if it has none
  curl -sf "${base_url[$1]}/metrics" | awk -v n="$2" '$1 == n { print $2 }'
}

echo "== machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== database: $DB_ENGINE"
echo "== wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION (after $WARMUP warm-up), nara --threads $NARA_THREADS"
: >"$work/results"
for round in $(seq "$ROUNDS"); do
  # Alternate which build goes first, so drift in background load does not favour one side.
  if ((round % 2 == 1)); then
    seq_names=(base-person new-person base-list new-list)
  else
    seq_names=(new-person base-person new-list base-list)
  fi
  for name in "${seq_names[@]}"; do
    b="${name%%-*}"
    batches0="$(audit_counter "$b" nara_audit_batches_total)"
    entries0="$(audit_counter "$b" nara_audit_entries_total)"
    measured="$(bench_wrk "${base_url[$b]}${path[$name]}" "${token[$b]}" "$work/wrk-$name-$round.txt" "${pid[$b]}")"
    if [[ -n "$batches0" ]]; then
      # Warm-up included: what matters is how many entries share one commit.
      batches=$(($(audit_counter "$b" nara_audit_batches_total) - batches0))
      entries=$(($(audit_counter "$b" nara_audit_entries_total) - entries0))
      measured+=" audit_batches=$batches audit_entries=$entries"
    fi
    echo "   round $round $name: $measured"
    echo "$name $round $measured" >>"$work/results"
  done
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"

field() { bench_field "$work/results" "$@"; }
sum() { awk '{ s += $1 } END { print s + 0 }'; }
order=(base-person new-person base-list new-list)
summary="$(
  printf '| build, target | bytes | req/s (median of %s) | p50 ms | p99 ms | server CPU us/req | req/s per round |\n' "$ROUNDS"
  printf '|---|---:|---:|---:|---:|---:|---|\n'
  for name in "${order[@]}"; do
    rps="$(field "$name" rps | median)"
    p50="$(field "$name" p50_us | median)"
    p99="$(field "$name" p99_us | median)"
    cpu="$(field "$name" cpu_us_per_req | median)"
    rounds="$(field "$name" rps | awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $1 }')"
    printf "| %s | %s | %.0f | %.2f | %.2f | %.0f | %s |\n" "$name" "${bytes[$name]}" "$rps" \
      "$(bc -l <<<"$p50/1000")" "$(bc -l <<<"$p99/1000")" "$cpu" "$rounds"
  done
  echo
  for kind in person list; do
    printf 'new/base %s:' "$kind"
    for key in rps p50_us p99_us cpu_us_per_req; do
      a="$(field "new-$kind" "$key" | median)"
      b="$(field "base-$kind" "$key" | median)"
      printf ' %s %.1f %%' "${key%_us*}" "$(bc -l <<<"100*$a/$b")"
    done
    batches="$(field "new-$kind" audit_batches | sum)"
    entries="$(field "new-$kind" audit_entries | sum)"
    if ((batches > 0)); then
      printf '; audit: %s entries in %s commits, %.1f per commit' "$entries" "$batches" "$(bc -l <<<"$entries/$batches")"
    fi
    echo
  done
  a="$(field new-person rps | median)"
  b="$(field base-person rps | median)"
  printf 'goal person GET with policy and audit within 30 %% of base (>= 70 %% of its req/s): %s\n' \
    "$([[ $(bc -l <<<"$a >= 0.7*$b") == 1 ]] && echo met || echo MISSED)"
)"
echo
echo "$summary"
if [[ -n "${RESULTS:-}" ]]; then echo "$summary" >"$RESULTS"; fi

# Any non-2xx answer or socket error makes the figures meaningless (e.g. an expired session).
exit "$(bench_errors "$work/results")"
