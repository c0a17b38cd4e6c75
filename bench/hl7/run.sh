#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup() is reached through the EXIT trap
# Issue 4, point 9: durable ingest of ADT A01 + A03 pairs over MLLP on SQLite (synchronous=FULL,
# WAL) with the audit log on. Each round starts a fresh demo database, sends PAIRS admit/discharge
# pairs on CONNECTIONS connections with up to WINDOW messages in flight each, and then checks in
# the database that every acknowledged pair is a discharged episode with its audit entries.
#
#   bench/hl7/run.sh                       # 3 rounds, 10,000 pairs, 8 connections, window 64
#   ROUNDS=5 PAIRS=20000 bench/hl7/run.sh
#
# Environment (all optional): ROUNDS=3 PAIRS=10000 CONNECTIONS=8 WINDOW=64 SKIP_BUILD=1
# The load generator runs on the same two cores as the server, so the figure is a floor.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROUNDS="${ROUNDS:-3}"
PAIRS="${PAIRS:-10000}"
CONNECTIONS="${CONNECTIONS:-8}"
WINDOW="${WINDOW:-64}"
NARA_BIN="$root/build/release/src/app/nara"
LOAD_BIN="$root/build/release/bench/hl7/mllp_load"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && cmake --preset release >/dev/null && cmake --build build/release -j2 --target nara mllp_load)
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

for round in $(seq 1 "$ROUNDS"); do
  db="$work/round$round.db"
  "$NARA_BIN" demo --db "sqlite:$db" --shared "$root/../shared" >/dev/null
  python3 - "$db" "$work/people" "$work/ward" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w") as f:
    for (pnr,) in con.execute("SELECT identifier FROM persons WHERE identifier_kind = 'personnummer'"):
        f.write(pnr + "\n")
with open(sys.argv[3], "w") as f:
    f.write(con.execute("SELECT hsa_id FROM units WHERE kind = 'hospital_ward' ORDER BY name").fetchone()[0])
PY
  http_port="$(free_port)"
  hl7_port="$(free_port)"
  "$NARA_BIN" serve --db "sqlite:$db" --port "$http_port" --hl7-port "$hl7_port" \
    --no-access-log --log-level warn --web-root /nonexistent >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$hl7_port),0.2)" 2>/dev/null && break
    sleep 0.1
  done
  result="$("$LOAD_BIN" "$hl7_port" "$work/people" "$(cat "$work/ward")" "$PAIRS" "$CONNECTIONS" "$WINDOW" "r$round")"
  # CPU the server used (all threads, incl. seeding-free start-up): the noise-robust figure.
  cpu_ticks="$(awk '{print $14 + $15}' "/proc/$server_pid/stat")"
  cpu_seconds="$(awk -v t="$cpu_ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }')"
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  committed="$(python3 - "$db" "r$round" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
prefix = "B-" + sys.argv[2] + "-%"
episodes = con.execute("SELECT COUNT(*) FROM inpatient_episodes WHERE state = 'discharged' AND external_visit_id LIKE ?", (prefix,)).fetchone()[0]
audit = con.execute("SELECT COUNT(*) FROM audit_log a JOIN inpatient_episodes e ON e.id = a.object_id WHERE e.external_visit_id LIKE ?", (prefix,)).fetchone()[0]
print(f'{{"discharged_episodes":{episodes},"audit_entries":{audit}}}')
PY
)"
  echo "round $round: $result $committed {\"server_cpu_seconds\":$cpu_seconds}"
  expected_audit=$((PAIRS * 2))
  python3 - "$committed" "$PAIRS" "$expected_audit" <<'PY'
import json, sys
c = json.loads(sys.argv[1])
if c["discharged_episodes"] != int(sys.argv[2]) or c["audit_entries"] != int(sys.argv[3]):
    sys.exit("acknowledged messages missing from the database: " + sys.argv[1])
PY
done
