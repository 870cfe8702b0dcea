#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/targets.hpp) with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer, and runs each for a while from seeds made of
# data/, the test inputs and tests/regressions/. A crash stops the run with
# the input saved as build-fuzz/crash-<target>-*; fix it, then keep the input
# in tests/regressions/<target>/ (tests/unit/test_regressions.cpp runs them).
#
# Usage: bash scripts/fuzz.sh [--seconds N] [TARGET...]
#   --seconds N  time per target (default 60); targets: decode tagger catalog record boilerplate
# Prints, per target, the executions, executions per second and coverage.
# Environment: MSTL_FUZZ_DIR (default: build-fuzz), the build and corpus folder.
set -euo pipefail
exec 1>&2
cd "$(dirname "$0")/.."

seconds=60
targets=()
while (($#)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    decode|tagger|catalog|record|boilerplate) targets+=("$1"); shift ;;
    *) echo "usage: bash scripts/fuzz.sh [--seconds N] [decode|tagger|catalog|record|boilerplate...]" >&2; exit 2 ;;
  esac
done
((${#targets[@]})) || targets=(decode tagger catalog record boilerplate)
dir=${MSTL_FUZZ_DIR:-build-fuzz}

# clang and libFuzzer's runtime, beside the packages of scripts/setup.sh.
missing=()
for p in clang-14 libclang-rt-14-dev cmake ninja-build libcli11-dev nlohmann-json3-dev libicu-dev libfmt-dev libre2-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "fuzz: installing ${missing[*]}"
  [[ $(id -u) -eq 0 ]] || { echo "fuzz: installing packages needs root: apt-get install ${missing[*]}"; exit 2; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -f "$dir/build.ninja" ]]; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
    -DMSTL_FUZZ=ON -DMSTL_BUILD_TESTS=OFF -DMSTL_WERROR=OFF >/dev/null
fi
cmake --build "$dir" --target fuzzers

# Seeds: what each parser reads in real use, and every kept regression.
seed() {
  local target=$1
  local seeds="$dir/seeds/$target"
  rm -rf "$seeds" && mkdir -p "$seeds"
  case "$target" in
    decode|tagger)
      cp data/articles/*.txt tests/regressions/tagger/* "$seeds/"
      find tests/fixtures -name '*.txt' -exec cp --backup=numbered {} "$seeds/" \;
      # The sentences of the tagger's accuracy set, twenty to a file: short, dense in dates.
      grep -hv '^#' tests/data/temporal.tsv tests/data/temporal_heldout.tsv | cut -f4 | split -l 20 - "$seeds/temporal-" ;;
    catalog)
      cp data/catalog.json data/topic.json data/sources.json data/lexicon/*.json "$seeds/"
      find tests/fixtures -name '*.json' -exec cp --backup=numbered {} "$seeds/" \; ;;
    record)
      cp fuzz/seeds/record/*.jsonl "$seeds/" ;;
    boilerplate)
      # Rules, a NUL, a catalog, a NUL, an article (fuzz/targets.hpp): the shipped rules and catalog with each article.
      for a in data/articles/*.txt; do
        { cat data/boilerplate/common.json; printf '\0'; cat data/catalog.json; printf '\0'; cat "$a"; } >"$seeds/$(basename "$a")"
      done ;;
  esac
  cp tests/regressions/"$target"/* "$seeds/" 2>/dev/null || true
  rm -f "$seeds/.keep"
  echo "$seeds"
}

status=0
for t in "${targets[@]}"; do
  seeds=$(seed "$t")
  corpus="$dir/corpus/$t"
  mkdir -p "$corpus"
  echo "fuzz: $t for ${seconds}s"
  log="$dir/fuzz-$t.log"
  if ! "$dir/bin/fuzz_$t" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$dir/crash-$t-" >"$log" 2>&1; then
    status=1
    tail -40 "$log"
    echo "fuzz: $t FAILED; the input is $dir/crash-$t-*"
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  echo "fuzz: $t: ${runs:-?} executions, ${rate:-?}/s, ${cov:-cov: ?}"
done
exit $status
