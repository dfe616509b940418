"""Run a crawl of local fault servers in a child process and read back what it wrote."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]

# Small limits so every fault costs seconds: retries with short backoff, 3 s idle, 6 s total
# (tight enough to keep the crawl short, loose enough for an honest page on a busy CI box).
FAST_SETTINGS: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "RETRY_TIMES": 2,
    "RETRY_BACKOFF_BASE": 0.05,
    "RETRY_BACKOFF_MAX": 2.0,
    "DOWNLOAD_TIMEOUT": 15,
    "THRESHER_IDLE_TIMEOUT": 3.0,
    "THRESHER_TOTAL_TIMEOUT": 6.0,
    "DOWNLOAD_MAXSIZE": 2 * 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 0,
    "THRESHER_EXTRACT_WORKERS": 1,
    "THRESHER_TEMPLATES": False,
    "THRESHER_TRAP_MAX_PAGE": 8,
    "THRESHER_TRAP_MAX_CHAIN": 12,
    "THRESHER_TRAP_MAX_SEGMENTS": 10,
    "LOG_LEVEL": "WARNING",
}


@dataclass
class CrawlRun:
    out: Path
    returncode: int
    stderr: str
    peak_rss_kib: int  # the crawl process's peak (VmHWM), -1 when not written
    baseline_rss_kib: int  # its resident size with the crawl code imported, before crawling

    def records(self, source: str) -> list[dict[str, Any]]:
        return _read_jsonl(_one(self.out, f"{source}-*[0-9]Z.jsonl"))

    def errors(self, source: str) -> list[dict[str, Any]]:
        return _read_jsonl(_one(self.out, f"{source}-*.errors.jsonl"))

    def stats(self, source: str) -> dict[str, Any]:
        return json.loads(_one(self.out, f"{source}-*.stats.json").read_text("utf-8"))

    def sqlite_urls(self) -> list[str]:
        with sqlite3.connect(self.out / "thresher.sqlite") as db:
            return [row[0] for row in db.execute("SELECT url FROM records")]


def source_toml(name: str, base: str, *, start: list[str] | None = None,
                sitemaps: list[str] = (), feeds: list[str] = (), allow_private: bool = True,
                extra: str = "") -> str:
    def urls(paths: list[str] | tuple[str, ...]) -> str:
        return json.dumps([p if "://" in p else base + p for p in paths])

    return (f'[[source]]\nname = "{name}"\nstart_urls = {urls(start or ["/"])}\n'
            f"sitemaps = {urls(sitemaps)}\nfeeds = {urls(feeds)}\n"
            f"allow_private = {str(allow_private).lower()}\nconcurrency = 8\n{extra}\n")


def crawl(tmp_path: Path, sources: str, settings: dict[str, Any] | None = None, *,
          jobdir: Path | None = None, env: dict[str, str] | None = None,
          timeout: float = 300, out: Path | None = None) -> CrawlRun:
    out = out or tmp_path / "out"
    sources_path = tmp_path / "sources.toml"
    sources_path.write_text(sources, "utf-8")
    spec = {"sources": str(sources_path), "output": str(out),
            "jobdir": str(jobdir) if jobdir else None,
            "settings": {**FAST_SETTINGS, **(settings or {})}}
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(json.dumps(spec), "utf-8")
    result = subprocess.run([sys.executable, "-m", "tests.hardening.crawl_child", str(spec_path)],
                            cwd=REPO, capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, **(env or {})}, check=False)
    peak_path = out / "peak_rss.json"
    peak = json.loads(peak_path.read_text("utf-8")) if peak_path.exists() else {}
    return CrawlRun(out, result.returncode, result.stderr, peak.get("peak_rss_kib", -1),
                    peak.get("baseline_rss_kib", -1))


def child_command(spec_path: Path) -> list[str]:
    return [sys.executable, "-m", "tests.hardening.crawl_child", str(spec_path)]


def _one(folder: Path, pattern: str) -> Path:
    matches = sorted(folder.glob(pattern))
    assert len(matches) == 1, f"{pattern} in {folder}: {matches}"
    return matches[0]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]
