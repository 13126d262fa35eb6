#!/usr/bin/env bash
# Entry point of the npm scripts: set up the toolchain (scripts/setup.sh), then run one task under it.
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
task=${1:?usage: run.sh demo|test|emulator|bench [args]}
shift
case $task in
  demo) exec node dist/scripts/demo.js "$@" ;;
  test) exec node --test --test-concurrency="${TEST_CONCURRENCY:-2}" "${@:-dist/test/**/*.test.js}" ;;
  emulator) exec node dist/test/emulator/cli.js "$@" ;;
  bench) exec node dist/scripts/bench.js "$@" ;;
  *) echo "unknown task: $task" >&2; exit 2 ;;
esac
