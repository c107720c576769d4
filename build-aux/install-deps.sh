#!/bin/bash
# Installs what building and testing Shenbao needs on Debian 12, unless it is there already.
set -euo pipefail

packages=(
  gcc pkg-config meson ninja-build
  libglib2.0-dev libglib2.0-bin libxml2-dev libjson-glib-dev libsqlite3-dev
  gettext locales
  libgtk-4-dev libadwaita-1-dev fonts-noto-cjk xvfb xauth dbus-x11 at-spi2-core
  desktop-file-utils appstream imagemagick yelp-tools
  python3-dogtail python3-pyatspi gir1.2-atspi-2.0 python3-gi
  python3-stdnum
  libarchive-dev libcairo2-dev libpango1.0-dev poppler-utils libarchive-tools unzip zip
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The Chinese UI needs the locale itself, or glibc ignores LANGUAGE and stays in English.
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
  localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
fi
