#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup() is reached through the EXIT trap
# Issue 2, point 10: authenticated person GET and person list on nara (SQLite) side by side
# with nginx serving static JSON files of the same byte sizes, on the same machine, same run.
#
#   bench/http/run.sh                # 3 rounds x 10 s per target, 64 connections, 2 wrk threads
#   ROUNDS=5 DURATION=10s bench/http/run.sh
#
# Environment (all optional):
#   ROUNDS=3 DURATION=10s CONNECTIONS=64 WRK_THREADS=2 WARMUP=2s
#   NARA_THREADS=0      nara I/O threads (0: the server default, twice the cores)
#   NGINX_WORKERS=auto  nginx worker_processes (auto: one per core, the same CPU budget as nara)
#   SKIP_BUILD=1        use the existing build/release binary
#   NARA_BIN=path       binary to measure (default build/release/src/app/nara)
#   RESULTS=path        also write the summary table to this file
#
# Loopback only; total duration is about ROUNDS x 4 x (DURATION + WARMUP) plus build and seeding.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
CONNECTIONS="${CONNECTIONS:-64}"
WRK_THREADS="${WRK_THREADS:-2}"
NARA_THREADS="${NARA_THREADS:-0}"
NGINX_WORKERS="${NGINX_WORKERS:-auto}"
NARA_BIN="${NARA_BIN:-$root/build/release/src/app/nara}"
NGINX_BIN="${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}"
USERNAME="${BENCH_USER:-dsk.kramfors}"
PASSWORD="Nara-demo-2026"

for tool in wrk curl jq "$NGINX_BIN"; do
  command -v "$tool" >/dev/null || {
    echo "missing $tool (scripts/install-deps.sh --test installs wrk and nginx)" >&2
    exit 1
  }
done

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && cmake --preset release >/dev/null && cmake --build build/release -j2 --target nara)
fi

work="$(mktemp -d /tmp/nara-bench.XXXXXX)"
nara_pid=""
nginx_started=0
cleanup() {
  # Stop both servers whatever happened, then remove the throwaway database and files.
  if [[ -n "$nara_pid" ]] && kill -0 "$nara_pid" 2>/dev/null; then
    kill -TERM "$nara_pid" 2>/dev/null || true
    wait "$nara_pid" 2>/dev/null || true
  fi
  if [[ "$nginx_started" == 1 ]]; then
    "$NGINX_BIN" -p "$work/nginx" -c "$work/nginx/nginx.conf" -s quit 2>/dev/null || true
    for _ in $(seq 50); do [[ -s "$work/nginx/nginx.pid" ]] || break; sleep 0.1; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  # A random unprivileged loopback port nobody listens on (nginx cannot bind port 0 and report it).
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
    if [[ -z "$(ss -Htln "sport = :$port")" ]]; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port" >&2
  return 1
}

echo "== seeding a throwaway SQLite demo county in $work"
"$NARA_BIN" demo --db "sqlite:$work/nara.db" --shared "${NARA_SHARED:-/work/shared}" >"$work/demo.log" 2>&1 ||
  { cat "$work/demo.log" >&2; exit 1; }

echo "== starting nara (threads=$NARA_THREADS, no access log)"
"$NARA_BIN" serve --db "sqlite:$work/nara.db" --address 127.0.0.1 --port 0 --no-access-log \
  --threads "$NARA_THREADS" >"$work/nara.out" 2>"$work/nara.err" &
nara_pid=$!
nara_port=""
for _ in $(seq 100); do
  nara_port="$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/nara.out" | head -1)"
  [[ -n "$nara_port" ]] && break
  kill -0 "$nara_pid" 2>/dev/null || { cat "$work/nara.err" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$nara_port" ]] || { echo "nara did not start" >&2; cat "$work/nara.err" >&2; exit 1; }
nara="http://127.0.0.1:$nara_port"

token="$(curl -sf -X POST "$nara/api/v1/session" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\",\"client\":\"api\"}" | jq -r .token)"
[[ -n "$token" && "$token" != null ]] || { echo "sign-in failed" >&2; exit 1; }
export NARA_TOKEN="$token"
auth=(-H "Authorization: Bearer $token")

list_path="/api/v1/persons?limit=50"
curl -sf "${auth[@]}" "$nara$list_path" >"$work/list.json"
person_id="$(jq -r '.items[0].id' "$work/list.json")"
person_path="/api/v1/persons/$person_id"
curl -sf "${auth[@]}" "$nara$person_path" >"$work/person.json"
person_bytes="$(stat -c %s "$work/person.json")"
list_bytes="$(stat -c %s "$work/list.json")"
echo "   person $person_id: $person_bytes bytes; list of $(jq '.items | length' "$work/list.json"): $list_bytes bytes"

# nginx serves files of exactly the same sizes (the real bodies, so even compressibility matches).
mkdir -p "$work/nginx/html" "$work/nginx/logs"
cp "$work/person.json" "$work/nginx/html/person.json"
cp "$work/list.json" "$work/nginx/html/list.json"
nginx_port="$(free_port)"
nginx_user=""
[[ "$(id -u)" == 0 ]] && nginx_user="user root;"  # workers must read the 0700 temp dir
cat >"$work/nginx/nginx.conf" <<EOF
$nginx_user
worker_processes $NGINX_WORKERS;
daemon on;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  sendfile on;
  tcp_nodelay on;
  # wrk keeps its connections open; nara has no per-connection request cap, so nginx gets none either.
  keepalive_requests 100000000;
  keepalive_timeout 60s;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/html;
    location = /api/v1/persons/one { try_files /person.json =404; }
    location = /api/v1/persons { try_files /list.json =404; }
  }
}
EOF
echo "== starting nginx (worker_processes $NGINX_WORKERS) on port $nginx_port"
"$NGINX_BIN" -p "$work/nginx" -c "$work/nginx/nginx.conf"
nginx_started=1
nginx="http://127.0.0.1:$nginx_port"
[[ "$(curl -sf "$nginx/api/v1/persons/one" | wc -c)" == "$person_bytes" ]] || { echo "nginx person size mismatch" >&2; exit 1; }
[[ "$(curl -sf "$nginx$list_path" | wc -c)" == "$list_bytes" ]] || { echo "nginx list size mismatch" >&2; exit 1; }

declare -A url=(
  [nara-person]="$nara$person_path"
  [nginx-person]="$nginx/api/v1/persons/one"
  [nara-list]="$nara$list_path"
  [nginx-list]="$nginx$list_path"
)
order=(nara-person nginx-person nara-list nginx-list)

echo "== machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"

server_pids() {  # name -> the server's process ids (nginx: master and workers)
  if [[ "$1" == nara-* ]]; then
    echo "$nara_pid"
  else
    local master
    master="$(cat "$work/nginx/nginx.pid")"
    # shellcheck disable=SC2046  # word splitting wanted: one pid per word
    echo "$master" $(pgrep -P "$master" || true)
  fi
}
cpu_ticks() {  # pids... -> user+system clock ticks consumed so far (all threads)
  local total=0 pid fields
  for pid in "$@"; do
    read -ra fields <"/proc/$pid/stat"
    total=$((total + fields[13] + fields[14]))
  done
  echo "$total"
}

run_wrk() {  # name round -> appends one BENCH line to $work/results
  local name="$1" round="$2" out pids before after
  # Short warm-up so connection set-up and cold caches are not measured.
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$here/auth.lua" "${url[$name]}" >/dev/null
  # shellcheck disable=SC2207  # pids are plain numbers
  pids=($(server_pids "$name"))
  before="$(cpu_ticks "${pids[@]}")"
  out="$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$here/auth.lua" "${url[$name]}")"
  after="$(cpu_ticks "${pids[@]}")"
  echo "$out" >"$work/wrk-$name-$round.txt"
  local line requests cpu_us
  line="$(grep '^BENCH ' <<<"$out")"
  # Server CPU time per request: unlike req/s it hardly depends on how much CPU the other
  # engineers' jobs leave us, so it compares builds on a noisy shared machine.
  requests="$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$line")"
  cpu_us="$(((after - before) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1)))"
  echo "   round $round $name: ${line#BENCH } cpu_us_per_req=$cpu_us"
  echo "$name $round ${line#BENCH } cpu_us_per_req=$cpu_us" >>"$work/results"
}

: >"$work/results"
for round in $(seq "$ROUNDS"); do
  # Alternate which server goes first, so drift in background load does not favour one side.
  if ((round % 2 == 1)); then
    seq_names=("${order[@]}")
  else
    seq_names=(nginx-person nara-person nginx-list nara-list)
  fi
  for name in "${seq_names[@]}"; do run_wrk "$name" "$round"; done
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"

field() {  # name key -> values of key=... over the rounds, one per line
  awk -v n="$1" -v k="$2" '$1 == n { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) print kv[2] } }' \
    "$work/results"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

errors=0
summary="$(
  printf '| target | bytes | req/s (median of %s) | p50 ms | p99 ms | server CPU us/req | req/s per round |\n' "$ROUNDS"
  printf '|---|---:|---:|---:|---:|---:|---|\n'
  for name in "${order[@]}"; do
    rps="$(field "$name" rps | median)"
    p50="$(field "$name" p50_us | median)"
    p99="$(field "$name" p99_us | median)"
    cpu="$(field "$name" cpu_us_per_req | median)"
    rounds="$(field "$name" rps | awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $1 }')"
    bytes="$person_bytes"; [[ "$name" == *list ]] && bytes="$list_bytes"
    printf "| %s | %s | %.0f | %.2f | %.2f | %.0f | %s |\n" "$name" "$bytes" "$rps" "$(bc -l <<<"$p50/1000")" \
      "$(bc -l <<<"$p99/1000")" "$cpu" "$rounds"
  done
  echo
  for kind in person list; do
    a="$(field "nara-$kind" rps | median)"
    b="$(field "nginx-$kind" rps | median)"
    printf 'ratio nara/nginx %s: %.1f %%\n' "$kind" "$(bc -l <<<"100*$a/$b")"
  done
  p99="$(field nara-person p99_us | median)"
  a="$(field nara-person rps | median)"
  b="$(field nginx-person rps | median)"
  goal_rps=$(bc -l <<<"$a >= 0.5*$b")
  goal_p99=$(bc -l <<<"$p99 < 10000")
  printf 'goal person GET >= 50 %% of nginx: %s; p99 < 10 ms at %s connections: %s\n' \
    "$([[ $goal_rps == 1 ]] && echo met || echo MISSED)" "$CONNECTIONS" "$([[ $goal_p99 == 1 ]] && echo met || echo MISSED)"
)"
echo
echo "$summary"
if [[ -n "${RESULTS:-}" ]]; then echo "$summary" >"$RESULTS"; fi

# Any non-2xx answer or socket error makes the figures meaningless (e.g. an expired session).
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
done <"$work/results"
exit "$errors"
