#!/usr/bin/env bash
# Regenerates the committed timeline of data/ (docs/timeline.md and
# docs/timeline.json) and that of docs/curating.md's example
# (docs/examples/bridge-timeline.md), or with --check verifies them without writing: exit 1
# and a diff on stderr when either is out of date. CI runs the check, so a
# change that alters the timeline must come with regenerated docs.
#
# Usage: bash scripts/regen-docs.sh [--check] [MSTIMELINE]   (default: build/bin/mstimeline)
set -euo pipefail
cd "$(dirname "$0")/.."

check=()
if [[ ${1:-} == --check ]]; then
  check=(--check)
  shift
fi
bin=${1:-build/bin/mstimeline}

status=0
"$bin" build data/ --format md -o docs/timeline.md "${check[@]}" || status=$?
"$bin" build data/ --format json -o docs/timeline.json "${check[@]}" || status=$?
"$bin" build docs/examples/bridge/ --format md -o docs/examples/bridge-timeline.md "${check[@]}" || status=$?
exit "$status"
