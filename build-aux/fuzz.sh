#!/bin/bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) in build-fuzz and runs
# each one, starting from its seed corpus in tests/fuzz/corpus/<target>.
#
#   build-aux/fuzz.sh --runs N        run each target for N inputs (the figure for a report)
#   build-aux/fuzz.sh --time SECONDS  run each target for about that long (what CI does)
#
# New interesting inputs go to build-fuzz/corpus/<target>, never into the source tree; a crash
# leaves its input in build-fuzz/artifacts/<target>/ and makes the script exit 1. Each target's
# last libFuzzer line (runs, coverage) is printed, so the figures can be quoted.
set -uo pipefail
cd "$(dirname "$0")/.."

limit="-runs=100000"
case "${1:-}" in
  --runs) limit="-runs=${2:?--runs needs a number}" ;;
  --time) limit="-max_total_time=${2:?--time needs seconds}" ;;
  "") ;;
  *) echo "usage: $0 [--runs N | --time SECONDS]" >&2; exit 2 ;;
esac

if ! command -v clang > /dev/null; then
  echo "fuzz.sh: clang is not installed; nothing fuzzed" >&2
  exit 2
fi

dir=build-fuzz
if [ ! -d "$dir" ]; then
  CC=clang meson setup "$dir" --buildtype=debug -Dfuzzing=true > /dev/null || exit 2
fi
ninja -C "$dir" tests/fuzz/fuzz-policy tests/fuzz/fuzz-expr tests/fuzz/fuzz-values > /dev/null || exit 2

status=0
for target in policy expr values; do
  corpus="$dir/corpus/$target"
  artifacts="$dir/artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  extra=()
  [ "$target" = expr ] && extra+=("-dict=tests/fuzz/expr.dict")
  log="$dir/fuzz-$target.log"
  start=$(date +%s)
  # The policy loader writes its input to a file: ASan's leak check at exit is what matters,
  # and -rss_limit_mb keeps a runaway allocation a finding rather than a dead machine.
  "$dir/tests/fuzz/fuzz-$target" "$limit" "${extra[@]}" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$artifacts" -print_final_stats=1 "$corpus" "tests/fuzz/corpus/$target" \
    > "$log" 2>&1
  result=$?
  seconds=$(( $(date +%s) - start ))
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  echo "fuzz-$target: ${runs:-?} runs in ${seconds} s, exit $result"
  if [ "$result" -ne 0 ]; then
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5
    status=1
  fi
done
exit $status
