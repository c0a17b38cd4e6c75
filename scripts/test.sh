#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what it needs, checks formatting, builds with
# AddressSanitizer + UndefinedBehaviorSanitizer, starts a throwaway PostgreSQL 15 and runs every
# unit and integration test against SQLite and PostgreSQL. Fails loudly at the first failing step.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

step() { printf '\n== %s ==\n' "$*"; }

step "Dependencies"
scripts/install-deps.sh --test

if [ ! -d "$root/../shared/data" ]; then
  echo "test: ../shared (the shared test data) must sit beside the repository" >&2
  exit 1
fi

step "Formatting (clang-format)"
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
if [ "${#sources[@]}" -gt 0 ]; then
  clang-format --dry-run --Werror "${sources[@]}"
fi

step "Build (asan preset: ASan + UBSan)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$(nproc)"

step "Throwaway PostgreSQL 15"
eval "$(scripts/start-postgres.sh)"
trap 'scripts/stop-postgres.sh "$NARA_TEST_POSTGRES_DIR"' EXIT
echo "PostgreSQL at ${NARA_TEST_POSTGRES_URL%%/nara_test}"

step "Unit and integration tests (SQLite and PostgreSQL)"
export NARA_TEST_POSTGRES_URL
ctest --preset asan -j "$(nproc)" --timeout 600
