#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup() is reached through the EXIT trap
# Issue 3, point 6: how long the log reviewer waits for one day's selection
# (GET /api/v1/log-review/selection?from=DAY&to=DAY+1) when the care provider's log is large,
# on two nara builds side by side, e.g. before and after migration 0013 (each day's range).
#
#   BASE_BIN=/tmp/nara-prev/build/release/src/app/nara bench/audit/log_review_period.sh
#   ENTRIES=1000000 DAYS=365 REQUESTS=5 BASE_BIN=... NEW_BIN=... bench/audit/log_review_period.sh
#
# Each build seeds its own demo county (SQLite), then gets the same synthetic log: ENTRIES reads
# spread evenly over DAYS days of 2025, a third of them by the reviewer's own care provider
# (Region Västernorrland, `logg.region`), one in 500 without a care relation (so always selected).
# The lookup tables, and the days' ranges where the build has them, are filled as the writer
# would. The synthetic entries carry no valid hash chain: nothing here verifies it.
# Prints each build's median time for REQUESTS selections of the middle day
# (after one unmeasured request), and the number of accesses each showed (they must agree).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ENTRIES="${ENTRIES:-1000000}"
DAYS="${DAYS:-365}"
REQUESTS="${REQUESTS:-5}"
BASE_BIN="${BASE_BIN:?set BASE_BIN to the reference nara binary}"
NEW_BIN="${NEW_BIN:-$root/build/release/src/app/nara}"

# shellcheck source=bench/http/lib.sh
source "$root/bench/http/lib.sh"
bench_require_tools curl jq sqlite3 "$BASE_BIN" "$NEW_BIN"

work="$(mktemp -d /tmp/nara-log-review.XXXXXX)"
declare -A pid=()
cleanup() {
  local b
  for b in "${!pid[@]}"; do bench_stop "${pid[$b]}"; done
  bench_stop "${started_pid:-}"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

synthetic_log() {  # db -> the synthetic entries, their lookups and (if the table exists) days
  local has_days
  has_days="$(sqlite3 "$1" "SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit_day_index'")"
  sqlite3 "$1" <<SQL
BEGIN;
INSERT INTO audit_actors (actor_key, user_id, role) VALUES ('bench-actor', 'bench-user', 'physician');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ENTRIES),
providers(k, id) AS (
  SELECT 0, (SELECT un.care_provider_id FROM users u JOIN assignments a ON a.user_id = u.id
             JOIN units un ON un.id = a.unit_id WHERE u.username = 'logg.region')
  UNION ALL SELECT 1, 'bench-provider-1' UNION ALL SELECT 2, 'bench-provider-2')
INSERT INTO audit_entries (seq, at, actor_id, care_provider_id, person_id, action, object_type,
  object_id, outcome, flagged, without_relation, hash)
SELECT (SELECT COALESCE(MAX(seq), 0) FROM audit_entries) + i,
  strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || ((i - 1) * 86400.0 * $DAYS / $ENTRIES) || ' seconds'),
  (SELECT id FROM audit_actors WHERE actor_key = 'bench-actor'),
  (SELECT id FROM providers WHERE k = i % 3), 'bench-person-' || (i % 5000), 'read', 'person',
  'bench-person-' || (i % 5000), 'allowed: PDL 4:1', 0, CASE WHEN i % 500 = 0 THEN 1 ELSE 0 END,
  printf('%064d', i)
FROM n;
UPDATE audit_chain_head SET seq = (SELECT MAX(seq) FROM audit_entries) WHERE id = 1;
INSERT OR IGNORE INTO audit_person_index (person_id, seq)
  SELECT person_id, seq FROM audit_entries WHERE seq > (SELECT indexed_seq FROM audit_chain_head);
INSERT OR IGNORE INTO audit_provider_index (care_provider_id, seq)
  SELECT care_provider_id, seq FROM audit_entries WHERE seq > (SELECT indexed_seq FROM audit_chain_head);
COMMIT;
SQL
  if [[ "$has_days" == 1 ]]; then
    sqlite3 "$1" "DELETE FROM audit_day_index; INSERT INTO audit_day_index (day, first_seq, last_seq)
      SELECT substr(at, 1, 10), MIN(seq), MAX(seq) FROM audit_entries GROUP BY 1;"
  fi
  sqlite3 "$1" "UPDATE audit_chain_head SET indexed_seq = seq WHERE id = 1; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
}

day="$(date -u -d "2025-01-01 + $((DAYS / 2)) days" +%F)"
next_day="$(date -u -d "$day + 1 day" +%F)"
url_path="/api/v1/log-review/selection?from=${day}T00:00:00Z&to=${next_day}T00:00:00Z&sample=20"
for b in base new; do
  bin="$BASE_BIN"; [[ "$b" == new ]] && bin="$NEW_BIN"
  mkdir -p "$work/$b"
  bench_seed "$bin" "sqlite:$work/$b/nara.db" "$work/$b/demo.log"
  synthetic_log "$work/$b/nara.db"
  bench_start_nara "$bin" "sqlite:$work/$b/nara.db" "$work/$b/out" "$work/$b/err" 0
  pid[$b]="$started_pid"
  base_url="http://127.0.0.1:$started_port"
  token="$(bench_sign_in "$base_url" logg.region)"
  shown="$(curl -sf -H "Authorization: Bearer $token" "$base_url$url_path" | jq '.items | length')"
  times=()
  for _ in $(seq "$REQUESTS"); do
    times+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" \
      "$base_url$url_path")")
  done
  median_ms="$(printf '%s\n' "${times[@]}" | median | awk '{ printf "%.1f", $1 * 1000 }')"
  echo "$b: $ENTRIES entries over $DAYS days; one day's selection: median ${median_ms} ms" \
    "(${times[*]} s), $shown accesses shown"
  bench_stop "${pid[$b]}"
  unset "pid[$b]"
done
