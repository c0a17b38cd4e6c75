# shellcheck shell=bash
# Shared pieces of bench/http/run.sh (nara vs nginx) and bench/http/compare.sh (two nara builds):
# seeding, starting nara, signing in, one measured wrk run with server CPU time, medians and the
# error check. Sourced, not run; the caller sets `set -euo pipefail` and its own cleanup trap.
# Expects: WRK_THREADS, CONNECTIONS, DURATION, WARMUP.

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_PASSWORD="Nara-demo-2026"

bench_require_tools() {  # tools... -> exits if one is missing
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || {
      echo "missing $tool (scripts/install-deps.sh --test installs wrk and nginx)" >&2
      exit 1
    }
  done
}

bench_seed() {  # binary db-url log -> a throwaway demo county seeded by that binary
  "$1" demo --db "$2" --shared "${NARA_SHARED:-/work/shared}" >"$3" 2>&1 ||
    { cat "$3" >&2; exit 1; }
}

# binary db-url out-file err-file threads -> starts `nara serve` on a free loopback port in the
# background of the calling shell (so its cleanup can wait for it); sets started_pid and
# started_port.
bench_start_nara() {
  : >"$3"  # exists before the poll below reads it, however late the background job starts
  "$1" serve --db "$2" --address 127.0.0.1 --port 0 --no-access-log \
    --threads "$5" >"$3" 2>"$4" &
  started_pid=$!
  started_port=""
  for _ in $(seq 100); do
    started_port="$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$3" | head -1)"
    [[ -n "$started_port" ]] && break
    kill -0 "$started_pid" 2>/dev/null || { cat "$4" >&2; exit 1; }
    sleep 0.1
  done
  [[ -n "$started_port" ]] || { echo "nara did not start" >&2; cat "$4" >&2; exit 1; }
}

bench_allocator() {  # pid -> the malloc the running server uses (linked or LD_PRELOADed)
  grep -o -m1 -E 'lib(jemalloc|tcmalloc[a-z_]*|mimalloc)\.so[.0-9]*' "/proc/$1/maps" ||
    echo "glibc malloc"
}

bench_stop() {  # pid -> TERM and wait, ignoring a process that is already gone
  if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}

bench_sign_in() {  # base-url user -> prints a bearer token
  local token
  token="$(curl -sf -X POST "$1/api/v1/session" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$BENCH_PASSWORD\",\"client\":\"api\"}" | jq -r .token)"
  [[ -n "$token" && "$token" != null ]] || { echo "sign-in failed at $1" >&2; exit 1; }
  echo "$token"
}

cpu_ticks() {  # pids... -> user+system clock ticks consumed so far (all threads)
  local total=0 pid fields
  for pid in "$@"; do
    read -ra fields <"/proc/$pid/stat"
    total=$((total + fields[13] + fields[14]))
  done
  echo "$total"
}

# url token raw-output-file pids... -> prints the BENCH fields of one measured run plus
# cpu_us_per_req (the servers' CPU time over the measured run divided by its requests).
bench_wrk() {
  local url="$1" token="$2" raw="$3"
  shift 3
  local out before after line requests
  # Short warm-up so connection set-up and cold caches are not measured.
  NARA_TOKEN="$token" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$bench_dir/auth.lua" "$url" >/dev/null
  before="$(cpu_ticks "$@")"
  out="$(NARA_TOKEN="$token" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$bench_dir/auth.lua" "$url")"
  after="$(cpu_ticks "$@")"
  echo "$out" >"$raw"
  line="$(grep '^BENCH ' <<<"$out")"
  # Server CPU time per request: unlike req/s it hardly depends on how much CPU the other
  # engineers' jobs leave us, so it compares builds on a noisy shared machine.
  requests="$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$line")"
  echo "${line#BENCH } cpu_us_per_req=$(((after - before) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1)))"
}

bench_field() {  # results-file name key -> values of key=... over the rounds, one per line
  awk -v n="$2" -v k="$3" '$1 == n { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) print kv[2] } }' \
    "$1"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# results-file -> 1 if any run had a non-2xx answer or a socket error (e.g. an expired session),
# which makes the figures meaningless; warnings go to stderr.
bench_errors() {
  local errors=0 name round rest kv
  while read -r name round rest; do
    for kv in $rest; do
      case "$kv" in
        non2xx=0 | connect_err=0 | read_err=0 | write_err=0 | timeout_err=0) ;;
        non2xx=* | connect_err=* | read_err=* | write_err=* | timeout_err=*)
          echo "warning: $name round $round: $kv" >&2
          errors=1
          ;;
      esac
    done
  done <"$1"
  echo "$errors"
}
