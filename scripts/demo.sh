#!/usr/bin/env bash
# The README's main job: set up, then crawl the bundled demo site end to end into output/.
# Thresher serves the saved aggregator pages itself on 127.0.0.1: no internet, no other server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/thresher demo --output output "$@"
