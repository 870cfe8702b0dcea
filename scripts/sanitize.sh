#!/usr/bin/env bash
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer
# (-DMSTL_SANITIZE=ON) in build-asan and runs the whole test suite there: any
# memory error, leak or undefined behaviour fails the test that hit it.
# Assumes the packages of `scripts/setup.sh --tests` are installed.
#
# Usage: bash scripts/sanitize.sh
# Environment: MSTL_ASAN_DIR (default: build-asan).
set -euo pipefail
exec 1>&2
cd "$(dirname "$0")/.."
dir=${MSTL_ASAN_DIR:-build-asan}

# Warnings are not errors here: the main build checks them, and GCC 12 warns
# falsely inside <regex> when the sanitizers instrument it
# (-Wmaybe-uninitialized); this build is for what happens at run time.
if [[ ! -f "$dir/build.ninja" ]]; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMSTL_SANITIZE=ON -DMSTL_WERROR=OFF >/dev/null
fi
cmake --build "$dir"
# Stop at the first error of any kind, with a stack; leaks count.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$dir" --output-on-failure -j 2
