"""kill -9 in the middle of a crawl with a job directory, then resume: every page once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.news_site import ARTICLES
from tests.support.server import SiteServer

from .crawl_runner import REPO, one, read_jsonl, sqlite_rows, stats_of, thresher, write_sources


def _wait_for_lines(folder: Path, pattern: str, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the crawl ended before it could be killed"
        for part in folder.glob(pattern):
            if part.read_bytes().count(b"\n") >= count:
                return
        time.sleep(0.05)
    raise AssertionError(f"no {count} records in {folder} in time")


def _sources(tmp_path: Path, base: str) -> Path:
    return write_sources(tmp_path / "sources.toml", f"""
[[source]]
name = "gazette"
start_urls = ["{base}/"]
sitemaps = ["{base}/sitemap_index.xml"]
allow_private = true
concurrency = 2
""")


def _stop_mid_crawl(args: list[str], out: Path, how: str) -> Path:
    """Start the crawl, stop it once 3 records are written; the part file it left."""
    first = subprocess.Popen([sys.executable, "-m", "crawler.cli", *args], cwd=REPO,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    try:
        _wait_for_lines(out, "gazette-*[0-9]Z.jsonl.part", 3, first)
    finally:
        if how == "kill":
            os.killpg(first.pid, signal.SIGKILL)  # the crawler and its extraction workers
        else:
            os.kill(first.pid, signal.SIGINT)  # Scrapy's graceful shutdown
        first.wait(timeout=120)
    part = one("gazette-*[0-9]Z.jsonl*", out)
    state = json.loads(one("*/run.json", out.parent / "job").read_text("utf-8"))
    assert state["state"] == ("running" if how == "kill" else "stopped")
    return part


def test_kill_9_then_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    out, jobdir = tmp_path / "out", tmp_path / "job"
    with SiteServer(delay=0.4) as server:  # slow pages: the kill lands mid-crawl
        args = ["crawl", "--sources", str(_sources(tmp_path, server.base_url)),
                "--output", str(out), "--jobdir", str(jobdir), "--workers", "1"]
        part = _stop_mid_crawl(args, out, "kill")
        assert part.name.endswith(".part")  # killed: the file never got its final name
        killed_lines = part.read_bytes().count(b"\n")
        assert killed_lines < ARTICLES, "the kill came too late to test anything"

        resumed = thresher(*args)
        assert resumed.returncode == 0, resumed.stderr[-3000:]

    final = one("gazette-*[0-9]Z.jsonl", out)
    assert final.name == part.name.removesuffix(".part")  # the same run went on
    assert not list(out.glob("*.part"))
    urls = [r["url"] for r in read_jsonl(final)]
    expected = sorted(server.url(f"/news/{n}.html") for n in range(1, ARTICLES + 1))
    assert sorted(urls) == expected  # each exactly once
    stored = sqlite_rows(out / "thresher.sqlite")
    assert sorted(r["url"] for r in stored) == expected
    stats = stats_of(out)
    assert stats["thresher/resume/already_done"] >= 1  # the resumed run skipped done pages
    assert stats["thresher/unaccounted"] == 0


def test_clean_stop_then_resume_reuses_the_scrapy_queue(tmp_path: Path) -> None:
    out, jobdir = tmp_path / "out", tmp_path / "job"
    with SiteServer(delay=0.4) as server:
        args = ["crawl", "--sources", str(_sources(tmp_path, server.base_url)),
                "--output", str(out), "--jobdir", str(jobdir), "--workers", "1"]
        stopped = _stop_mid_crawl(args, out, "interrupt")
        assert not stopped.name.endswith(".part")  # a clean stop finishes the file
        assert (jobdir / "gazette" / "scrapy").is_dir()
        resumed = thresher(*args)
        assert resumed.returncode == 0, resumed.stderr[-3000:]
    final = one("gazette-*[0-9]Z.jsonl", out)
    assert final.name == stopped.name
    urls = sorted(r["url"] for r in read_jsonl(final))
    assert urls == sorted(server.url(f"/news/{n}.html") for n in range(1, ARTICLES + 1))
    assert sorted(r["url"] for r in sqlite_rows(out / "thresher.sqlite")) == urls
