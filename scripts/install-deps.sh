#!/usr/bin/env bash
# Installs what Nära needs on Debian 12 (bookworm) and skips what is already present.
# Usage: scripts/install-deps.sh [--web] [--test]
#   default: build and run dependencies; --test adds PostgreSQL, Chromium and load tools; --web runs npm ci
#   (and installs Debian's nodejs and npm when no node is on the PATH).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

want_test=0
want_web=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --web) want_web=1 ;;
    *) echo "install-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential g++ cmake ninja-build pkg-config git ca-certificates xz-utils tzdata
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libssl-dev libspdlog-dev libfmt-dev libcli11-dev
  libhowardhinnant-date-dev libjemalloc-dev libgtest-dev libgmock-dev libbenchmark-dev
)
if [ "$want_test" = 1 ]; then
  packages+=(postgresql-15 postgresql-client-15 chromium wrk nginx-light clang-format clang-tidy procps sqlite3 jq bc curl)
fi
if [ -d "$here/web" ] && [ -f "$here/web/package.json" ]; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# nodejs may come from another source than Debian (e.g. a preinstalled node with its own npm).
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  filtered=()
  for p in "${missing[@]}"; do
    case "$p" in nodejs|npm) ;; *) filtered+=("$p") ;; esac
  done
  missing=("${filtered[@]}")
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all Debian packages present"
fi

if [ "$want_web" = 1 ] && [ -f "$here/web/package.json" ]; then
  # npm ci starts from an empty node_modules; skip it while node_modules matches the lock file.
  stamp="$here/web/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$here/web/package-lock.json" ] && [ "$stamp" -nt "$here/web/package.json" ]; then
    echo "install-deps: web/node_modules is up to date"
  else
    (cd "$here/web" && npm ci --no-audit --no-fund)
  fi
fi
