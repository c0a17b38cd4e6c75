#!/usr/bin/env bash
# Builds release and plans all 70 Mankowska HHCRSP instances; report in build/bench-planning/.
# Usage: bench/planning/run-mankowska.sh [SECONDS_PER_INSTANCE (default 10)] [extra args]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${NARA_SHARED_ROUTING:-$(cd "$root/.." && pwd)/shared/data/routing}
seconds=${1:-10}
shift || true
cmake --preset release >/dev/null
cmake --build "$root/build/release" -j2 --target nara-plan >/dev/null
mkdir -p "$root/build/bench-planning"
nice -n 5 python3 "$root/bench/planning/run_benchmarks.py" mankowska \
  --binary "$root/build/release/src/interop/planning/nara-plan" --shared "$shared" \
  --seconds "$seconds" --output "$root/build/bench-planning/mankowska-${seconds}s.md" "$@"
