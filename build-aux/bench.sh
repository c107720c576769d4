#!/bin/bash
# Speed of Shenbao, measured in one run on this machine (after "bash build-aux/run.sh" built it):
#  - loading the policies, computing each policy (core benchmark);
#  - time to save and recompute a whole application after one keystroke;
#  - time from process start to the first frame of the main window, beside a bare libadwaita
#    window measured the same way (median of 21 alternated starts, under Xvfb), also with one
#    GTK renderer forced on both;
#  - a consultant's desk: 2,500 saved applications and 1,000 extra policies (made by
#    shenbao-bench-data through the storage API and by copying the shipped policies with new
#    ids), each case beside its baseline in the same run: first frame, delete and undo, memory at
#    idle, `shenbao-cli list` and `compute --all`, start-up with the policies;
#  - the submission package: drawing the application form of a 10-clause application, and
#    packaging 100 MB of attachments beside `zip -r` on the same files.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${SHENBAO_BENCH_RUNS:-21}

# The window needs a display and a session bus: run the whole script under them.
if [ -z "${SHENBAO_BENCH_DISPLAY:-}" ]; then
  export SHENBAO_BENCH_DISPLAY=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash "$0" "$@"
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$PWD/$build/data"

# A home of its own for each data set: data, cache and database.
make_home () {
  local home="$root/$1"
  mkdir -p "$home/data/shenbao" "$home/cache"
  echo "$home"
}
use_home () {
  export XDG_DATA_HOME="$1/data" XDG_CACHE_HOME="$1/cache"
}

empty=$(make_home empty)
apps=$(make_home apps)
library=$(make_home library)
"$build/src/cli/shenbao-bench-data" applications "$apps/data/shenbao/shenbao.db" 2500
"$build/src/cli/shenbao-bench-data" policies "$library/data/shenbao/policies" 1000

use_home "$empty"
"$build/src/cli/shenbao-bench"
"$build/src/app/shenbao-gui-bench" keystroke
"$build/src/cli/shenbao-package-bench" form

# 100 MB of attachments as applicants have them: scanned PDFs and photos, which do not compress,
# and text lists, which do. Both tools read the same files from the page cache.
package_bench () {
  local dir="$root/package" ours start end theirs
  mkdir -p "$dir/files"
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

# Milliseconds from start to exit of one run of a command.
time_once () {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median () {
  sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# Two commands, alternated run by run, each in its own home: "median A, median B, ratio A/B".
alternate () {
  local home_a="$1" home_b="$2"; shift 2
  local split=0 a=() b=()
  for arg in "$@"; do [ "$arg" = "--" ] && break; split=$((split + 1)); done
  local cmd_a=("${@:1:$split}") cmd_b=("${@:$((split + 2))}")
  for _ in $(seq "$runs"); do
    a+=($(use_home "$home_a"; time_once "${cmd_a[@]}"))
    b+=($(use_home "$home_b"; time_once "${cmd_b[@]}"))
  done
  local ma mb
  ma=$(printf '%s\n' "${a[@]}" | median)
  mb=$(printf '%s\n' "${b[@]}" | median)
  echo "$ma ms, $mb ms, ratio $(awk "BEGIN { printf \"%.2f\", $ma / $mb }")"
}

app=("env" "SHENBAO_QUIT_AFTER_FIRST_FRAME=1" "$build/src/app/shenbao")
cli="$build/src/cli/shenbao-cli"

bare=("$build/src/app/shenbao-gui-bench" bare)
# Without a GPU render node Shenbao asks GTK for its cairo renderer (src/app/shenbao-renderer.c),
# where a bare window keeps GTK's GL renderer on the software rasteriser: the same comparisons
# are also made with one renderer forced on both sides.
echo "start to first frame, empty database against a bare libadwaita window, each with its own renderer: $(alternate "$empty" "$empty" "${app[@]}" -- "${bare[@]}") (median of $runs alternated)"
for renderer in cairo gl; do
  echo "  the same, GSK_RENDERER=$renderer on both: $(alternate "$empty" "$empty" env GSK_RENDERER=$renderer "${app[@]}" -- env GSK_RENDERER=$renderer "${bare[@]}")"
done
echo "start to first frame, 2,500 saved applications against none: $(alternate "$apps" "$empty" "${app[@]}" -- "${app[@]}")"
echo "  the same, GSK_RENDERER=gl: $(alternate "$apps" "$empty" env GSK_RENDERER=gl "${app[@]}" -- env GSK_RENDERER=gl "${app[@]}")"

use_home "$apps"
"$build/src/app/shenbao-gui-bench" delete

# The index is built on the first run with the library; the figures are of the runs after it.
use_home "$library"; "$cli" list >/dev/null
echo "shenbao-cli list, 1,005 policies against the shipped 5: $(alternate "$library" "$empty" "$cli" list -- "$cli" list)"
echo "shenbao-cli compute --all for a Pudong company (21 of 1,005 fit): $(alternate "$library" "$empty" "$cli" compute --all --set registered_region=310115 -- "$cli" compute --all --set registered_region=310115)"
echo "start to first frame, 1,005 policies against 5: $(alternate "$library" "$empty" "${app[@]}" -- "${app[@]}")"

memory () {
  use_home "$1"
  "$build/src/app/shenbao" >/dev/null 2>&1 &
  local pid=$!
  sleep 3
  awk '/VmRSS/ { printf "%.1f MiB", $2 / 1024 }' /proc/$pid/status
  kill $pid
  wait $pid 2>/dev/null || true
}
echo "memory at idle: $(memory "$empty") resident with no saved application, $(memory "$apps") with 2,500"
