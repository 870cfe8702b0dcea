#!/usr/bin/env bash
# Sets up mstimeline on Debian 12: installs the packages that are missing,
# configures with CMake and Ninja, and builds. Idempotent and quick when
# nothing changed: no apt-get call when every package is there, no
# reconfiguration when the build tree exists (Ninja re-runs CMake itself when
# a CMakeLists.txt changes).
#
# Usage: bash scripts/setup.sh [--tests]
#   --tests  also install the tools the test suite runs the outputs through
#            (python3-jsonschema, cmark, chromium) and the Dask driver's test
#            needs (python3-distributed); the README's test command passes it.
# Everything it prints goes to stderr, so `setup.sh && mstimeline ... | jq`
# keeps stdout for the timeline.
# Environment: MSTL_BUILD_DIR (default: build), CMAKE_BUILD_TYPE (default:
# RelWithDebInfo), CI (set: warnings are errors).
set -euo pipefail
exec 1>&2

cd "$(dirname "$0")/.."
build_dir=${MSTL_BUILD_DIR:-build}

# What the build and the tests need, as Debian package names (jq: the README's
# examples and the tests that run them; python3: scripts/ and bench/ helpers).
packages=(g++ cmake ninja-build libcli11-dev nlohmann-json3-dev libicu-dev libfmt-dev libre2-dev libmimalloc-dev pkg-config catch2 jq python3)
case "${1:-}" in
  --tests) packages+=(python3-jsonschema cmark chromium python3-distributed) ;;
  "") ;;
  *) echo "usage: bash scripts/setup.sh [--tests]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: installing packages needs root; run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -f "$build_dir/build.ninja" ]]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
fi
cmake --build "$build_dir"
