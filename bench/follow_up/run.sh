#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup() is reached through the EXIT trap
# Issue 19, point 7: the follow-up on a synthetic county (nara demo --scale N).
#   - every indicator for the county and every municipality over 36 months
#     (GET /api/v1/follow-up?from=&to=), cold (the first request of a freshly started server) and
#     warm (the same request again), the median of ROUNDS each;
#   - the proactive list of the largest health centre (GET /api/v1/proactive-list), warm; and the
#     two reads that make its kept facts (migration 0021): the first of a day, which makes all of
#     them (forced by clearing the unit's date), and one after a change of one person's facts;
#   - for each scale in SCALES, so the growth from 25k to 250k inhabitants can be read;
#   - on SQLite and on PostgreSQL (a throwaway PostgreSQL 15 with its durability defaults).
#
#   bench/follow_up/run.sh                                  # SCALES="25000 250000" ENGINES="sqlite postgres"
#   SCALES=250000 ENGINES=sqlite ROUNDS=5 bench/follow_up/run.sh
#
# Environment (all optional): NARA_BIN (default build/release/src/app/nara, built if missing),
# SCALES, ENGINES, ROUNDS=5, SEED=1, MONTHS=36, KEEP_DB_DIR (reuse generated SQLite counties
# there; default /tmp/nara-county), RESULTS=path (also write the table there), NARA_SHARED.
# Cold here means a new server process: its caches are empty, the operating system's page cache
# is not (dropping it needs root on the host).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
SCALES="${SCALES:-25000 250000}"
ENGINES="${ENGINES:-sqlite postgres}"
ROUNDS="${ROUNDS:-5}"
SEED="${SEED:-1}"
MONTHS="${MONTHS:-36}"
KEEP_DB_DIR="${KEEP_DB_DIR:-/tmp/nara-county}"
export NARA_SHARED="${NARA_SHARED:-$root/../shared}"
NARA_BIN="${NARA_BIN:-$root/build/release/src/app/nara}"
NARA_THREADS="${NARA_THREADS:-4}"

# shellcheck source=bench/http/lib.sh
source "$root/bench/http/lib.sh"
if [[ ! -x "$NARA_BIN" ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target nara -j "$(nproc)"
fi
bench_require_tools curl jq "$NARA_BIN"

work="$(mktemp -d /tmp/nara-follow-up.XXXXXX)"
mkdir -p "$KEEP_DB_DIR"
cleanup() {
  bench_stop "${started_pid:-}"
  if [[ -n "${pg_dir:-}" ]]; then "$root/scripts/stop-postgres.sh" "$pg_dir" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

to_month="$(date -u +%Y-%m)"
from_month="$(date -u -d "$(date -u +%Y-%m-15) -$((MONTHS - 1)) months" +%Y-%m)"

seconds() {  # url token -> wall seconds of one GET that must answer 200
  local out
  out="$(curl -s -o "$work/body" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $2" "$1")"
  [[ "${out%% *}" == 200 ]] || { echo "GET $1 answered ${out%% *}: $(head -c 300 "$work/body")" >&2; exit 1; }
  echo "${out#* }"
}

# The district nurse of the health centre with the most persons in its care, found through the
# API as the county administrator would not: straight from the database.
largest_centre_user() {  # engine db-url -> username
  local sql="SELECT us.username FROM units u JOIN assignments a ON a.unit_id = u.id AND a.role = 'district_nurse'
    JOIN users us ON us.id = a.user_id WHERE u.kind = 'health_centre'
    ORDER BY (SELECT COUNT(*) FROM care_relations c WHERE c.unit_id = u.id AND c.ended_at IS NULL) DESC, us.username LIMIT 1"
  if [[ "$1" == sqlite ]]; then sqlite3 "${2#sqlite:}" "$sql"; else psql -At "$2" -c "$sql"; fi
}

results="$work/results"
sql_on() {  # engine db-url sql
  if [[ "$1" == sqlite ]]; then sqlite3 "${2#sqlite:}" "$3"; else psql -qAt "$2" -c "$3"; fi
}

printf '%-8s %8s %10s %12s %12s %12s %12s %12s %10s %s\n' engine scale seed_s cold_ms warm_ms \
  list_ms day_ms change_ms list_rows centre >"$results"
for engine in $ENGINES; do
  if [[ "$engine" == postgres && -z "${pg_dir:-}" ]]; then
    pg_env="$("$root/scripts/start-postgres.sh" --durable)"
    pg_url="$(sed -n 's/^export NARA_TEST_POSTGRES_URL=//p' <<<"$pg_env")"
    pg_dir="$(sed -n 's/^export NARA_TEST_POSTGRES_DIR=//p' <<<"$pg_env")"
  fi
  for scale in $SCALES; do
    seed_s="reused"
    if [[ "$engine" == sqlite ]]; then
      db_file="$KEEP_DB_DIR/county-$scale-seed$SEED.db"
      db_url="sqlite:$db_file"
    else
      db_name="county_${scale}_$SEED"
      psql -q "$pg_url" -c "DROP DATABASE IF EXISTS $db_name" >/dev/null
      psql -q "$pg_url" -c "CREATE DATABASE $db_name" >/dev/null
      db_url="${pg_url%/*}/$db_name"
      db_file=""
    fi
    if [[ -z "$db_file" || ! -s "$db_file" ]]; then
      start=$(date +%s.%N)
      "$NARA_BIN" demo --db "$db_url" --shared "$NARA_SHARED" --scale "$scale" --seed "$SEED" \
        >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; exit 1; }
      seed_s="$(echo "$(date +%s.%N) - $start" | bc -l | xargs printf '%.1f')"
    fi
    centre_user="$(largest_centre_user "$engine" "$db_url")"
    follow_up="/api/v1/follow-up?from=$from_month&to=$to_month"
    # A county seeded by an older binary may lack the continuity rollup (migration 0020): one
    # unmeasured request makes it, as `nara demo` does for a new county.
    bench_start_nara "$NARA_BIN" "$db_url" "$work/out" "$work/err" "$NARA_THREADS"
    seconds "http://127.0.0.1:$started_port$follow_up" \
      "$(bench_sign_in "http://127.0.0.1:$started_port" admin)" >/dev/null
    bench_stop "$started_pid"
    started_pid=""
    cold=()
    warm=()
    for round in $(seq "$ROUNDS"); do
      bench_start_nara "$NARA_BIN" "$db_url" "$work/out" "$work/err" "$NARA_THREADS"
      base="http://127.0.0.1:$started_port"
      token="$(bench_sign_in "$base" admin)"
      cold+=("$(seconds "$base$follow_up" "$token")")
      warm+=("$(seconds "$base$follow_up" "$token")")
      if [[ "$round" == "$ROUNDS" ]]; then
        nurse="$(bench_sign_in "$base" "$centre_user")"
        # The first read of a day makes all the unit's facts; clearing the date forces it.
        sql_on "$engine" "$db_url" "UPDATE proactive_unit_states SET as_of_date = ''" >/dev/null
        day="$(seconds "$base/api/v1/proactive-list" "$nurse")"
        # A change of one person's facts (an update that the triggers note, values unchanged).
        sql_on "$engine" "$db_url" "UPDATE home_care_hours SET hours = hours WHERE person_id = \
          (SELECT m.person_id FROM proactive_members m JOIN home_care_hours h ON \
          h.person_id = m.person_id JOIN users us ON us.username = '$centre_user' JOIN \
          assignments a ON a.user_id = us.id AND a.unit_id = m.unit_id ORDER BY m.person_id \
          LIMIT 1)" >/dev/null
        change="$(seconds "$base/api/v1/proactive-list" "$nurse")"
        lists=()
        for _ in $(seq "$ROUNDS"); do lists+=("$(seconds "$base/api/v1/proactive-list" "$nurse")"); done
        rows="$(jq '.rows | length' "$work/body")"
      fi
      bench_stop "$started_pid"
      started_pid=""
    done
    ms() { median | awk '{ printf "%.0f", $1 * 1000 }'; }
    printf '%-8s %8s %10s %12s %12s %12s %12s %12s %10s %s\n' "$engine" "$scale" "$seed_s" \
      "$(printf '%s\n' "${cold[@]}" | ms)" "$(printf '%s\n' "${warm[@]}" | ms)" \
      "$(printf '%s\n' "${lists[@]}" | ms)" "$(echo "$day" | ms)" "$(echo "$change" | ms)" \
      "$rows" "$centre_user" >>"$results"
    tail -1 "$results"
  done
done
echo
echo "follow-up: every indicator, county and every municipality, $from_month..$to_month ($MONTHS months); medians of $ROUNDS"
cat "$results"
if [[ -n "${RESULTS:-}" ]]; then cp "$results" "$RESULTS"; fi
