#!/bin/bash
# Builds Shenbao with warnings as errors and runs the whole test suite, then builds it again with
# AddressSanitizer and UndefinedBehaviorSanitizer and runs the suite once more. The last line is
# the count of both runs: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh || exit 2
export GSETTINGS_BACKEND=memory

passed=0
failed=0

# Reads meson test's summary ("Ok: 6", "Fail: 0", …) from its log.
count_results () {
  local log="$1/meson-logs/testlog.txt"
  local ok fail timeout unexpected
  ok=$(grep -E '^Ok:' "$log" | tail -1 | awk '{print $2}')
  fail=$(grep -E '^Fail:' "$log" | tail -1 | awk '{print $2}')
  timeout=$(grep -E '^Timeout:' "$log" | tail -1 | awk '{print $2}')
  unexpected=$(grep -E '^Unexpected Pass:' "$log" | tail -1 | awk '{print $3}')
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${fail:-0} + ${timeout:-0} + ${unexpected:-0}))
}

run_suite () {
  local dir="$1" multiplier="$2"; shift 2
  if [ ! -d "$dir" ]; then
    meson setup "$dir" "$@" || { failed=$((failed + 1)); return; }
  fi
  if ! ninja -C "$dir"; then
    echo "build failed in $dir"
    failed=$((failed + 1))
    return
  fi
  # The UI tests need a display and a session bus, as on a desktop.
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
    meson test -C "$dir" --print-errorlogs --timeout-multiplier "$multiplier"
  count_results "$dir"
}

echo "== Build with warnings as errors, run the tests"
run_suite build-test 1 --buildtype=debugoptimized -Dwerror=true

echo "== Build with AddressSanitizer and UndefinedBehaviorSanitizer, run the tests again"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Sanitized code runs some three times slower: the time limits stretch to match.
run_suite build-sanitize 3 --buildtype=debug -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false

# Each libFuzzer target for 20 s from its seed corpus (about two minutes with the clang build);
# a crash is one failure. Skipped where clang is not installed.
echo "== Fuzz each target for 20 s"
if command -v clang > /dev/null; then
  if bash build-aux/fuzz.sh --time 20; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
else
  echo "clang is not installed: fuzzing skipped"
fi

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
