#!/usr/bin/env bash
# Entry point of the npm scripts: set up what the task needs (setup.sh), then run it.
set -euo pipefail
# shellcheck source=scripts/toolchain/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
task=${1:?usage: run.sh demo|test|unit|integration|e2e|emulator|bench [args]}
shift
case $task in
  unit | integration | emulator) setup_toolchain --no-cli ;;
  # The workflow tests check examples/ci with actionlint.
  test | e2e) setup_toolchain && { ensure_actionlint || { step "set-up failed (see above)"; exit 1; }; } ;;
  *) setup_toolchain ;;
esac
cd "$ROOT"

# The unit tier: every file in one process (no start-up per file), with sockets and
# child processes refused (test/harness/no-io.ts). Top-level hooks would span every file
# in one process, which is why each unit file holds its tests in one describe.
unit_tier() {
  node --test --experimental-test-isolation=none --require ./dist/test/harness/no-io.js "$@"
}
UNIT_FILES="dist/test/unit/**/*.test.js"
INTEGRATION_FILES="dist/test/integration/**/*.test.js"
E2E_FILES="dist/test/e2e/**/*.test.js"
run_isolated() {
  node --test --test-concurrency="${TEST_CONCURRENCY:-2}" "$@"
}
say() { printf '[test] %s\n' "$*" >&2; }
# Every tier, the quick one first; every tier runs even when an earlier one failed.
run_tiers() {
  local rc=0
  say "unit tier (test/unit)"; unit_tier "$UNIT_FILES" || rc=1
  say "unit tier again, the clock 400 days on (test/harness/clock-ahead.ts)"
  unit_tier --require ./dist/test/harness/clock-ahead.js "$UNIT_FILES" || rc=1
  say "integration and end-to-end tiers (test/integration, test/e2e)"
  run_isolated "$INTEGRATION_FILES" "$E2E_FILES" || rc=1
  return $rc
}

case $task in
  demo) exec node dist/scripts/demo/main.js "$@" ;;
  # Files given: each in its own process, as the integration and end-to-end tiers run.
  test) if [ $# -gt 0 ]; then run_isolated "$@"; else run_tiers; fi ;;
  unit) unit_tier "${@:-$UNIT_FILES}" ;;
  integration) run_isolated "${@:-$INTEGRATION_FILES}" ;;
  e2e) run_isolated "${@:-$E2E_FILES}" ;;
  emulator) exec node dist/emulator/cli.js "$@" ;;
  bench) exec node dist/scripts/bench/main.js "$@" ;;
  *) echo "unknown task: $task" >&2; exit 2 ;;
esac
