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
# shellcheck source=bench/http/lib.sh
source "$here/lib.sh"

bench_require_tools wrk curl jq "$NGINX_BIN"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && cmake --preset release >/dev/null && cmake --build build/release -j2 --target nara)
fi

work="$(mktemp -d /tmp/nara-bench.XXXXXX)"
nara_pid=""
nginx_started=0
cleanup() {
  # Stop both servers whatever happened, then remove the throwaway database and files.
  bench_stop "$nara_pid"
  bench_stop "${started_pid:-}"  # a server that failed during start-up, before it was recorded
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
bench_seed "$NARA_BIN" "sqlite:$work/nara.db" "$work/demo.log"

echo "== starting nara (threads=$NARA_THREADS, no access log)"
bench_start_nara "$NARA_BIN" "sqlite:$work/nara.db" "$work/nara.out" "$work/nara.err" "$NARA_THREADS"
nara_pid="$started_pid"
nara="http://127.0.0.1:$started_port"

token="$(bench_sign_in "$nara" "$USERNAME")"
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

run_wrk() {  # name round -> appends one BENCH line to $work/results
  local name="$1" round="$2" pids fields
  # shellcheck disable=SC2207  # pids are plain numbers
  pids=($(server_pids "$name"))
  fields="$(bench_wrk "${url[$name]}" "$token" "$work/wrk-$name-$round.txt" "${pids[@]}")"
  echo "   round $round $name: $fields"
  echo "$name $round $fields" >>"$work/results"
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

field() { bench_field "$work/results" "$@"; }
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
exit "$(bench_errors "$work/results")"
