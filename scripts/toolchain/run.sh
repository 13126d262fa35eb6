#!/usr/bin/env bash
# Entry point of the npm scripts: set up what the task needs (setup.sh), then run it.
set -euo pipefail
# shellcheck source=scripts/toolchain/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
task=${1:?usage: run.sh demo|test|unit|emulator|bench [args]}
shift
case $task in
  unit | emulator) setup_toolchain --no-cli ;;
  # The workflow tests check examples/ci with actionlint.
  test) setup_toolchain && { ensure_actionlint || { step "set-up failed (see above)"; exit 1; }; } ;;
  *) setup_toolchain ;;
esac
cd "$ROOT"
case $task in
  demo) exec node dist/scripts/demo/main.js "$@" ;;
  test) exec node --test --test-concurrency="${TEST_CONCURRENCY:-2}" "${@:-dist/test/**/*.test.js}" ;;
  # Unit and emulator tests: Node and tsc only, no Pulumi CLI.
  unit)
    [ $# -gt 0 ] || set -- "dist/test/unit/**/*.test.js" "dist/test/emulator/**/*.test.js"
    exec node --test --test-concurrency="${TEST_CONCURRENCY:-2}" "$@" ;;
  emulator) exec node dist/emulator/cli.js "$@" ;;
  bench) exec node dist/scripts/bench/main.js "$@" ;;
  *) echo "unknown task: $task" >&2; exit 2 ;;
esac
