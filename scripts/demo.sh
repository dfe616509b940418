#!/usr/bin/env bash
# The README's main job: set up, then extract every bundled fixture page into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p output
.venv/bin/thresher extract fixtures/ > output/records.jsonl 2> output/errors.log || true
echo "records: $(wc -l < output/records.jsonl) -> output/records.jsonl"
