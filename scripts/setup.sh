#!/usr/bin/env bash
# Install everything netlytics needs on a fresh Debian/Ubuntu machine (idempotent):
# the system Chromium (used by kaleido for PNG/SVG charts and by the browser tests) and
# LibreOffice Impress (headless check that the PowerPoint decks open), then the
# package with its notebook, dask and dev extras. Safe to run again; quick when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  need+=(chromium)
fi
if ! command -v soffice >/dev/null 2>&1; then
  need+=(libreoffice-impress)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "netlytics setup: installing ${need[*]} (static charts, browser tests, deck conversion)..." >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if ! "$PY" -c "import netlytics, pytest, nbmake, duckdb, dask, playwright, pptx, lifelines, numpydoc, voila, recurring_ical_events, vobject" >/dev/null 2>&1 \
   || [ pyproject.toml -nt "$("$PY" -c 'import netlytics,os;print(os.path.dirname(netlytics.__file__))' 2>/dev/null || echo /nonexistent)" ]; then
  echo "netlytics setup: installing the package and its extras (pip install -e .[dev])..." >&2
  "$PY" -m pip install -q --disable-pip-version-check -e ".[dev]"
fi
command -v pyenv >/dev/null 2>&1 && pyenv rehash || true

# The Voila template (offline: no CDN fonts) is a data file of the package; an editable install
# does not copy data files, so put it where Voila looks (a regular `pip install .` does this).
templates="$("$PY" -c 'import sys; print(sys.prefix)')/share/jupyter/voila/templates"
if [ -d "$templates" ] && ! diff -rq share/jupyter/voila/templates/netlytics "$templates/netlytics" >/dev/null 2>&1; then
  mkdir -p "$templates/netlytics"
  cp share/jupyter/voila/templates/netlytics/* "$templates/netlytics/"
fi
