#!/bin/bash
# Speed of Shenbao, measured in one run on this machine (after "bash build-aux/run.sh" built it):
#  - loading and validating the policies, computing each policy (core benchmark);
#  - time from process start to the first frame of the main window, beside a bare libadwaita
#    window measured the same way (median of 11 starts each, under Xvfb);
#  - memory of the program at idle;
#  - time to save and recompute a whole application after one keystroke;
#  - the submission package: drawing the application form of a 10-clause application, and
#    packaging 100 MB of attachments beside `zip -r` on the same files.
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
"$build/src/cli/shenbao-package-bench" form

# 100 MB of attachments as applicants have them: scanned PDFs and photos, which do not compress,
# and text lists, which do. Both tools read the same files from the page cache.
package_bench () {
  local dir ours start end theirs
  dir=$(mktemp -d)
  mkdir "$dir/files"
  for i in $(seq 8); do
    { printf '%%PDF-1.5\n'; head -c $((8 * 1024 * 1024 - 9)) /dev/urandom; } > "$dir/files/scan-$i.pdf"
  done
  for i in $(seq 6); do head -c $((4 * 1024 * 1024)) /dev/urandom > "$dir/files/photo-$i.jpg"; done
  for i in $(seq 4); do
    (yes '申报材料 第八条 算力费用 发票 付款凭证 2,000,000.00 元' || true) | head -c $((3 * 1024 * 1024)) > "$dir/files/list-$i.txt"
  done
  ours=$("$build/src/cli/shenbao-package-bench" package "$dir/files" "$dir/ours.zip")
  start=$(date +%s%N)
  (cd "$dir/files" && zip -r -q "$dir/zip.zip" .)
  end=$(date +%s%N)
  theirs=$(awk "BEGIN { printf \"%.3f\", ($end - $start) / 1e9 }")
  echo "packaging 100 MB of attachments: shenbao ${ours} s, zip -r ${theirs} s, ratio $(awk "BEGIN { printf \"%.2f\", $ours / $theirs }")" \
       "(zip sizes $(stat -c %s "$dir/ours.zip") and $(stat -c %s "$dir/zip.zip") bytes)"
  rm -rf "$dir"
}
package_bench

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
