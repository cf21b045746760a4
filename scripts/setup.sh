#!/usr/bin/env bash
# Set up gdcc-audit on a fresh Debian/Ubuntu machine: system libraries for PDF reports
# (Pango, HarfBuzz), poppler-utils and git (the pre-commit hook test), then a virtual environment .venv with the package.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq python3-venv libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 poppler-utils git >/dev/null
else
  echo "setup: no apt-get here; install Pango, HarfBuzz and poppler-utils yourself" >&2
fi

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e '.[dev,dask,postgres,sign]'
echo "gdcc-audit is installed in .venv: try .venv/bin/gdcc-audit --help"
