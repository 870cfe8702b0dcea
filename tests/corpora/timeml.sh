#!/usr/bin/env bash
# The tagger on annotated news it was not written for, scored by
# scripts/eval-timeml.py as TempEval-3 scores it (docs/temporal.md, "Measured
# on annotated news"):
#   - TempEval-3's English training data (../shared/corpora/tempeval3-train-en,
#     TBAQ-cleaned: UzZaman et al. 2013, SemEval-2013 Task 1), TimeBank and
#     AQUAINT each against a floor: the relaxed span F1 and value F1 measured
#     when this test was written, rounded down (a regression floor);
#   - the Kompas development articles (../shared/corpora/kompas-dev/timeml,
#     IndoTimex: Mirza 2015, PACLING): their <TEXT> carries no gold TIMEX3 (only
#     the DCT has one), so there is nothing to score; they are only read (both
#     encodings) and run through the tagger, which checks every offset it
#     returns. Give them floors once an annotated copy is there.
#
#   tests/corpora/timeml.sh BINARY
#
# Exit 77 (skipped) when the corpora are absent.
set -euo pipefail
binary=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
corpora=${MSTL_CORPORA:-$here/../shared/corpora}
english=$corpora/tempeval3-train-en
kompas=$corpora/kompas-dev/timeml
if [ ! -d "$english/TimeBank" ] && [ ! -d "$kompas" ]; then
  echo "skipped: $english and $kompas are absent (the development corpora sit beside the repository)"
  exit 77
fi
score() {
  python3 "$here/scripts/eval-timeml.py" --binary "$binary" "$@"
}
if [ -d "$english/TimeBank" ]; then
  echo "== TimeBank"
  score --lang en "$english/TimeBank" --min-relaxed-f1 86 --min-value-f1 72
  echo "== AQUAINT"
  score --lang en "$english/AQUAINT" --min-relaxed-f1 92 --min-value-f1 73
else
  echo "skipped: $english is absent"
fi
if [ -d "$kompas" ]; then
  echo "== Kompas development articles (no gold TIMEX3 to score: read and tagged only)"
  score --lang id "$kompas"
else
  echo "skipped: $kompas is absent"
fi
