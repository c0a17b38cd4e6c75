#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what it needs, checks formatting, builds the web
# app and runs its unit tests (vitest), builds with AddressSanitizer + UndefinedBehaviorSanitizer,
# runs the web app's end-to-end tests (Playwright in Debian's Chromium, with axe) against a fresh
# `nara serve --demo` on a throwaway SQLite database, starts a throwaway PostgreSQL 15 and runs every
# unit and integration test against SQLite and PostgreSQL. Fails loudly at the first failing step.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

step() { printf '\n== %s ==\n' "$*"; }

step "Dependencies"
scripts/install-deps.sh --test --web

if [ ! -d "$root/../shared/data" ]; then
  echo "test: ../shared (the shared test data) must sit beside the repository" >&2
  exit 1
fi

step "Formatting (clang-format)"
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
if [ "${#sources[@]}" -gt 0 ]; then
  clang-format --dry-run --Werror "${sources[@]}"
fi

step "Web: type check and production build"
(cd web && npm run build)

step "Web unit tests (vitest)"
(cd web && npx vitest run)

step "Build (asan preset: ASan + UBSan)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$(nproc)"

step "Web end-to-end tests (Playwright + axe in headless Chromium, fresh nara serve --demo)"
e2e_port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
(cd web && NARA_BIN="$root/build/asan/src/app/nara" NARA_E2E_PORT="$e2e_port" NARA_SHARED="$root/../shared" \
  npx playwright test)

step "Throwaway PostgreSQL 15"
eval "$(scripts/start-postgres.sh)"
trap 'scripts/stop-postgres.sh "$NARA_TEST_POSTGRES_DIR"' EXIT
echo "PostgreSQL at ${NARA_TEST_POSTGRES_URL%%/nara_test}"

step "Unit and integration tests (SQLite and PostgreSQL)"
export NARA_TEST_POSTGRES_URL
ctest --preset asan -j "$(nproc)" --timeout 600
