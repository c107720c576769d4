#!/bin/bash
# Speed of Shenbao, measured in one run on this machine (after "bash build-aux/run.sh" built it):
#  - loading and validating the policies, computing each policy (core benchmark);
#  - time from process start to the first frame of the main window, beside a bare libadwaita
#    window measured the same way (median of 11 starts each, under Xvfb);
#  - memory of the program at idle;
#  - time to save and recompute a whole application after one keystroke.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

# The window needs a display and a session bus: run the whole script under them.
if [ -z "${SHENBAO_BENCH_DISPLAY:-}" ]; then
  export SHENBAO_BENCH_DISPLAY=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash "$0" "$@"
fi

home=$(mktemp -d)
export XDG_DATA_HOME="$home" GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$PWD/$build/data"

"$build/src/cli/shenbao-bench"
"$build/src/app/shenbao-gui-bench" keystroke

median_start () {
  local times=()
  for _ in $(seq 11); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 6p
}

measure () {
  local bare app
  bare=$(median_start "$build/src/app/shenbao-gui-bench" bare)
  app=$(SHENBAO_QUIT_AFTER_FIRST_FRAME=1 median_start "$build/src/app/shenbao")
  echo "start to first frame: shenbao ${app} ms, bare libadwaita window ${bare} ms (median of 11), ratio $(awk "BEGIN { printf \"%.2f\", $app / $bare }")"

  "$build/src/app/shenbao" >/dev/null 2>&1 &
  local pid=$!
  sleep 3
  echo "memory at idle: $(awk '/VmRSS/ { printf "%.1f MiB", $2 / 1024 }' /proc/$pid/status) resident"
  kill $pid
  wait $pid 2>/dev/null || true
}
measure
rm -rf "$home"
