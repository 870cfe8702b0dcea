#!/usr/bin/env bash
# Formats the C++ sources with the project's .clang-format (clang-format 14,
# Debian's clang-format-14), or with --check lists the files that differ and
# exits 1 without writing. CI runs the check.
#
# Usage: bash scripts/format.sh [--check]
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
[[ ${1:-} == --check ]] && check=1

if ! command -v clang-format-14 >/dev/null; then
  echo "format: installing clang-format-14"
  [[ $(id -u) -eq 0 ]] || { echo "format: installing packages needs root: apt-get install clang-format-14"; exit 2; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends clang-format-14 >/dev/null
fi

mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
if ((check)); then
  status=0
  for f in "${files[@]}"; do
    clang-format-14 --dry-run --Werror "$f" >/dev/null 2>&1 || { echo "format: $f differs from .clang-format"; status=1; }
  done
  ((status == 0)) || echo "format: run bash scripts/format.sh to fix"
  exit "$status"
fi
clang-format-14 -i "${files[@]}"
