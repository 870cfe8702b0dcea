#!/usr/bin/env bash
# Map/reduce gives the bytes build gives: data/ plus a generated archive is
# split into 1, 3 and 7 shards, `extract` runs on the shards in parallel
# (xargs -P), and `merge` of the parts, in any order, must equal `build` in
# every format; build itself must give the same bytes at -j 1, 2 and 5, and
# merge at -j 1 and 3. Then, the archive changed, `extract --reuse` of the old
# parts must write the parts a fresh extract writes.
#
# Usage: tests/scale/shards.sh PATH/TO/mstimeline
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The sample with its manifest, topic and catalog, plus 2 MB of generated articles in nested folders.
cp -r "$root/data" "$work/in"
python3 "$root/bench/gen-corpus" --size-mb 2 --files-per-dir 300 --out "$work/in/archive" 2>/dev/null
files=$(find "$work/in" -name '*.txt' | wc -l)
[[ $files -gt 900 ]] || { echo "FAIL: only $files article files generated"; exit 1; }

fail=0
"$bin" build "$work/in" -j 1 > "$work/build.json"
for j in 2 5; do
  "$bin" build "$work/in" -j "$j" | cmp -s - "$work/build.json" || { echo "FAIL: build -j $j differs from -j 1"; fail=1; }
done
# extract formats its part on the threads, in blocks: the same bytes for any -j.
"$bin" extract "$work/in" -j 1 -o "$work/whole-1.jsonl"
"$bin" extract "$work/in" -j 3 | cmp -s - "$work/whole-1.jsonl" || { echo "FAIL: extract -j 3 differs from -j 1"; fail=1; }
events=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["events"]))' "$work/build.json")
[[ $events -gt 20 ]] || { echo "FAIL: only $events events: the archive did not exercise merging"; fail=1; }

for n in 1 3 7; do
  rm -f "$work"/part-*.jsonl
  seq 0 $((n - 1)) | xargs -P "$n" -I{} "$bin" extract "$work/in" --shard "{}/$n" -j 1 -o "$work/part-{}.jsonl"
  [[ $(ls "$work"/part-*.jsonl | wc -l) -eq $n ]] || { echo "FAIL: $n shards gave $(ls "$work"/part-*.jsonl | wc -l) parts"; fail=1; }
  # Parts in reverse order, and concatenated on stdin: order must not matter.
  for format in json md csv; do
    "$bin" build "$work/in" -f "$format" > "$work/build.$format"
    ls "$work"/part-*.jsonl | sort -r | xargs "$bin" merge -f "$format" > "$work/merge.$format"
    cmp -s "$work/build.$format" "$work/merge.$format" || { echo "FAIL: $n shards, $format: merge differs from build"; fail=1; }
  done
  cat "$work"/part-*.jsonl | "$bin" merge - | cmp -s - "$work/build.json" ||
    { echo "FAIL: $n shards concatenated on stdin: merge differs from build"; fail=1; }
  for j in 1 3; do  # merge searches on several threads too
    "$bin" merge "$work"/part-*.jsonl -j "$j" | cmp -s - "$work/build.json" ||
      { echo "FAIL: $n shards, merge -j $j differs from build"; fail=1; }
  done
done

# A day later, with the 7 parts of yesterday: some articles changed, one gone, one new. Each of 3 shards
# reuses what it can of all 7 parts and must write the part a fresh extract writes; merged, they are build.
find "$work/in/archive" -name '*.txt' | sort | awk 'NR % 50 == 1' | while read -r f; do echo "Berita tambahan." >> "$f"; done
rm "$(find "$work/in/archive" -name '*.txt' | sort | sed -n 7p)"
printf 'Microsoft dan OpenAI menandatangani perjanjian baru pada 2 Februari 2026.\n' > "$work/in/archive/new.txt"
"$bin" build "$work/in" > "$work/build.json"
for k in 0 1 2; do
  "$bin" -v extract "$work/in" --shard "$k/3" --reuse "$work"/part-{0..6}.jsonl -o "$work/reused-$k.jsonl" 2> "$work/err"
  "$bin" extract "$work/in" --shard "$k/3" -o "$work/fresh-$k.jsonl"
  cmp -s "$work/reused-$k.jsonl" "$work/fresh-$k.jsonl" || { echo "FAIL: shard $k/3 with --reuse differs from a fresh extract"; fail=1; }
  reused=$(sed -n 's/^mstimeline: reused \([0-9]*\) of \([0-9]*\) documents from --reuse$/\1 \2/p' "$work/err")
  read -r got of <<< "${reused:-0 0}"
  # about 2% of the files changed: most of each shard comes from the parts, never all of it
  (( got > of * 9 / 10 && got < of )) || { echo "FAIL: shard $k/3 reused $got of $of documents"; fail=1; }
done
"$bin" merge "$work"/reused-*.jsonl | cmp -s - "$work/build.json" || { echo "FAIL: merge of reused parts differs from build"; fail=1; }

# A part given twice is refused, not counted twice.
if "$bin" merge "$work/part-0.jsonl" "$work/part-0.jsonl" > /dev/null 2> "$work/err"; then
  echo "FAIL: a part given twice was merged"; fail=1
fi
grep -q "in two documents" "$work/err" || { echo "FAIL: unexpected message: $(cat "$work/err")"; fail=1; }

[[ $fail -eq 0 ]] && echo "ok: $files files, $events events, shards 1 3 7, build -j 1 2 5 and merge -j 1 3 agree, --reuse of 7 parts in 3 shards"
exit "$fail"
