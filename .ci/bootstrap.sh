#!/usr/bin/env bash
# Install Debian packages and the project virtual environment; safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."
APT_PKGS="python3-venv python3-dev build-essential swig libpcsclite-dev pcscd vsmartcard-vpcd \
libgl1-mesa-dri libglx-mesa0 libegl1 libegl-mesa0 libgles2 xvfb xauth libzbar0 socat libmtdev1 libgl1 \
postgresql faketime libgooglepinyin0 alsa-utils espeak-ng mosquitto fonts-wqy-microhei tesseract-ocr tesseract-ocr-eng"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=""
for p in $APT_PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
. .ci/apt_wait.sh
if [ -n "$missing" ]; then
  echo "bootstrap: installing Debian packages:$missing"
  apt_wait update -qq
  apt_wait install -y -qq --no-install-recommends $missing
fi
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip setuptools wheel
  .venv/bin/pip install -q -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
