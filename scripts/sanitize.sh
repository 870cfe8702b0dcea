#!/usr/bin/env bash
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer
# (-DMSTL_SANITIZE=ON) in build-asan and runs the whole test suite there: any
# memory error, leak or undefined behaviour fails the test that hit it.
# With --thread, the same with ThreadSanitizer (-DMSTL_TSAN=ON) in build-tsan:
# any data race or lock-order inversion fails the test that hit it. The
# consumer tests (label `consumer`: other programs reading the outputs) run
# no code of ours on threads and are left out there, to keep CI short.
# Assumes the packages of `scripts/setup.sh --tests` are installed.
#
# Usage: bash scripts/sanitize.sh [--thread]
# Environment: MSTL_ASAN_DIR (default: build-asan), MSTL_TSAN_DIR (default: build-tsan).
set -euo pipefail
exec 1>&2
cd "$(dirname "$0")/.."
thread=0
case "${1:-}" in
  --thread) thread=1 ;;
  "") ;;
  *) echo "usage: bash scripts/sanitize.sh [--thread]"; exit 2 ;;
esac

# Warnings are not errors here: the main build checks them, and GCC 12 warns
# falsely inside <regex> when the sanitizers instrument it
# (-Wmaybe-uninitialized); this build is for what happens at run time.
if ((thread)); then
  dir=${MSTL_TSAN_DIR:-build-tsan}
  if [[ ! -f "$dir/build.ninja" ]]; then
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMSTL_TSAN=ON -DMSTL_WERROR=OFF >/dev/null
  fi
  cmake --build "$dir"
  # Stop at the first report, with both stacks of a race.
  export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:history_size=4}
  ctest --test-dir "$dir" --output-on-failure -j 2 -LE consumer
  exit 0
fi
dir=${MSTL_ASAN_DIR:-build-asan}
if [[ ! -f "$dir/build.ninja" ]]; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMSTL_SANITIZE=ON -DMSTL_WERROR=OFF >/dev/null
fi
cmake --build "$dir"
# Stop at the first error of any kind, with a stack; leaks count.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$dir" --output-on-failure -j 2
