#!/bin/bash
# Builds Shenbao and starts it. Until the desktop program lands, that is the command-line tool's
# policy list; any arguments are passed to shenbao-cli instead (e.g. "compute pudong-2024 --set …").
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh
[ -d build ] || meson setup build --buildtype=debugoptimized
ninja -C build

if [ $# -eq 0 ]; then
  exec build/src/cli/shenbao-cli list
fi
exec build/src/cli/shenbao-cli "$@"
