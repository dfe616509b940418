#!/usr/bin/env bash
# The README's test command: set up, start the services the tests need, lint, run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/services.sh
bash scripts/browser.sh  # Debian chromium for the dashboard tests, when missing
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
