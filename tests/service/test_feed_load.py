"""benchmarks/feed_load.py itself, small: its clients, writer and checks still agree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_a_small_feed_load_run_passes_its_own_checks() -> None:
    result = subprocess.run(
        [sys.executable, "benchmarks/feed_load.py", "--clients", "5", "--seconds", "6",
         "--write-rate", "20", "--backlog", "30", "--limit", "10", "--interval", "0.2"],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "PASS: errors 0, missed 0, repeated 0 across 5 clients" in result.stdout
    assert "the same after the first 5 s" in result.stdout
