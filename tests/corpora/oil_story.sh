#!/usr/bin/env bash
# The general path on a real story it was not written for: the 34 Kompas
# articles on the 2014 oil-price slump among 50 (../shared/corpora/kompas-dev,
# IndoTimex development articles: Mirza 2015, PACLING), built with
# docs/examples/oil/topic.json and no catalog, then scored against the
# corpus's oil-timeline.md by scripts/score-timeline.py: once with the
# manifest, once with only the dates in the file names. The floors are the
# figures measured when this test was written (docs/events.md); none of the
# 16 RFID articles (2013) may be cited.
#
#   tests/corpora/oil_story.sh BINARY
#
# Exit 77 (skipped) when the corpora are absent.
set -euo pipefail
binary=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${MSTL_CORPORA:-$here/../shared/corpora}/kompas-dev
if [ ! -d "$corpus/articles" ]; then
  echo "skipped: $corpus is absent (the development corpora sit beside the repository)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/with" "$work/without"
cp -r "$corpus/articles" "$corpus/sources.json" "$work/with/"
cp -r "$corpus/articles" "$work/without/"
for run in with without; do
  "$binary" -q build "$work/$run" --topic "$here/docs/examples/oil/topic.json" --no-catalog -o "$work/$run.json"
  echo "== $run the manifest"
  python3 "$here/scripts/score-timeline.py" "$corpus/oil-timeline.md" "$work/$run.json" \
    --exclude-sources '^2013' --min-recall 0.85 --min-precision 0.62 | tail -n 1
done
