"""Run `thresher crawl` in a child process (a Twisted reactor cannot restart in-process)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def thresher(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout, check=False)


def write_sources(path: Path, body: str) -> Path:
    path.write_text(body, "utf-8")
    return path


def one(pattern: str, folder: Path) -> Path:
    matches = sorted(folder.glob(pattern))
    assert len(matches) == 1, f"{pattern} in {folder}: {matches}"
    return matches[0]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def sqlite_rows(path: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(path) as db:
        return [json.loads(row[0]) for row in db.execute("SELECT json FROM records")]


def stats_of(folder: Path) -> dict[str, Any]:
    return json.loads(one("*.stats.json", folder).read_text("utf-8"))
