#!/bin/bash
# Builds Shenbao and starts the desktop program; with arguments, runs the command-line tool
# instead (e.g. "compute pudong-2024 --set …").
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh
[ -d build ] || meson setup build --buildtype=debugoptimized
ninja -C build

if [ $# -eq 0 ]; then
  # Run from the build tree: the settings schema and the translations just built.
  export GSETTINGS_SCHEMA_DIR="$PWD/build/data" SHENBAO_LOCALEDIR="$PWD/build/po"
  if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "No display: showing the policies with the command-line tool instead." >&2
    exec build/src/cli/shenbao-cli list
  fi
  exec build/src/app/shenbao
fi
exec build/src/cli/shenbao-cli "$@"
