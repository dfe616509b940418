#!/usr/bin/env bash
# Create .venv and install Thresher with its test extra. Idempotent; used by the README's
# two commands and by .ci/run, so a fresh machine needs nothing installed by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
.venv/bin/python -m pip install --quiet -e ".[test]"
