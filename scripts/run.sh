#!/usr/bin/env bash
# Builds Nära and starts it with the demo county on embedded SQLite at http://localhost:8080.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/install-deps.sh --web
if [ -f web/package.json ]; then
  (cd web && npm run build)
fi
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target nara
mkdir -p var
exec build/release/src/app/nara serve --demo --db "sqlite:var/nara.db" --shared "$root/../shared" \
  --address "${NARA_ADDRESS:-127.0.0.1}" --port "${NARA_PORT:-8080}" --web-root web/dist
