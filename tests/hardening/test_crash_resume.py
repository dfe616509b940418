"""kill -9 at seven points (four inside or between sink writes), then resume: nothing lost.

After each kill the same job directory is crawled again. Then every article is in the JSONL
file and in SQLite exactly once, every failing page has exactly one errors entry, no output
file holds a partial line, no ``.part`` file is left, and SQLite passes its integrity check.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from .fault_server import FaultServer, Page
from .fault_site import article_html, listing_html
from .harness import FAST_SETTINGS, REPO, child_command, crawl, source_toml
from .kill_points import ENV, SETTINGS

ARTICLES = 24
GONE = 4
SOURCE = "crashy"


class Slow:
    """A page served after a short pause: the kill lands mid-crawl."""

    def __init__(self, page: Page, seconds: float) -> None:
        self.page, self.seconds = page, seconds

    def serve(self, exchange: object, hit: int) -> None:
        time.sleep(self.seconds)
        self.page.serve(exchange, hit)  # type: ignore[arg-type]


def _site(server: FaultServer) -> None:
    articles = [f"/news/{n}" for n in range(ARTICLES)]
    gone = [f"/gone/{n}" for n in range(GONE)]
    server.routes["/"] = Page(200, listing_html("Index", [*articles, *gone]))
    for n, path in enumerate(articles):
        server.routes[path] = Slow(Page(200, article_html(11, n)), 0.15)
    for path in gone:
        server.routes[path] = Slow(Page(410, b"<html><body>gone</body></html>"), 0.15)


def _settings() -> dict:
    # Timeouts are not under test here: Thresher's defaults, not the short test limits.
    return {**SETTINGS, "CONCURRENT_REQUESTS_PER_DOMAIN": 2, "THRESHER_EXTRACT_WORKERS": 1,
            "THRESHER_IDLE_TIMEOUT": 10.0, "THRESHER_TOTAL_TIMEOUT": 25.0}


def _first_run_killed(tmp_path: Path, server: FaultServer, point: str) -> None:
    """Start the crawl armed to die at ``point`` (or kill it from outside: ``external``)."""
    out, jobdir = tmp_path / "out", tmp_path / "job"
    sources = tmp_path / "sources.toml"
    sources.write_text(source_toml(SOURCE, server.base_url), "utf-8")
    spec = tmp_path / "spec1.json"
    spec.write_text(json.dumps({"sources": str(sources), "output": str(out),
                                "jobdir": str(jobdir),
                                "settings": {**FAST_SETTINGS, **_settings()}}), "utf-8")
    env = {**os.environ}
    if point != "external":
        env[ENV] = point
    child = subprocess.Popen(child_command(spec), cwd=REPO, env=env, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if point == "external":
            _wait_for_records(out, 6, child)
            os.killpg(child.pid, signal.SIGKILL)
        assert child.wait(timeout=240) == -signal.SIGKILL, "the crawl was not killed"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)  # extraction workers left behind


def _wait_for_records(out: Path, count: int, child: subprocess.Popen) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert child.poll() is None, "the crawl ended before it could be killed"
        for part in out.glob(f"{SOURCE}-*[0-9]Z.jsonl.part"):
            if part.read_bytes().count(b"\n") >= count:
                return
        time.sleep(0.05)
    raise AssertionError("no records in time")


def _lines(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert data == b"" or data.endswith(b"\n"), f"{path.name}: ends in a partial line"
    return [json.loads(line) for line in data.splitlines()]  # every line whole JSON


POINTS = ["before_sinks:3", "jsonl_mid_line:4", "between_sinks:5", "sqlite_mid_txn:6",
          "after_commit:7", "errors_mid_line:2", "external"]


@pytest.mark.parametrize("point", POINTS)
def test_kill_9_then_resume_loses_and_duplicates_nothing(tmp_path: Path, point: str) -> None:
    with FaultServer() as server:
        _site(server)
        _first_run_killed(tmp_path, server, point)
        out = tmp_path / "out"
        assert list(out.glob("*.part")), "killed: the outputs must still be part files"
        resumed = crawl(tmp_path, source_toml(SOURCE, server.base_url), _settings(),
                        jobdir=tmp_path / "job")
        assert resumed.returncode == 0, resumed.stderr[-3000:]

    assert not list(out.glob("*.part"))
    (records_file,) = out.glob(f"{SOURCE}-*[0-9]Z.jsonl")
    (errors_file,) = out.glob(f"{SOURCE}-*.errors.jsonl")
    articles = sorted(server.url(f"/news/{n}") for n in range(ARTICLES))
    records = _lines(records_file)
    assert sorted(r["url"] for r in records) == articles  # none lost, none twice
    assert len({r["id"] for r in records}) == ARTICLES
    errors = [e for e in _lines(errors_file) if e.get("kind") == "page"]
    assert sorted((e["url"], e["reason"]) for e in errors) == sorted(
        (server.url(f"/gone/{n}"), "http_410") for n in range(GONE))

    with sqlite3.connect(out / "thresher.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT url, json FROM records").fetchall()
    assert sorted(url for url, _ in rows) == articles
    assert all(json.loads(body)["url"] == url for url, body in rows)  # whole rows only
    stats = resumed.stats(SOURCE)
    assert stats["thresher/unaccounted"] == 0
    assert stats["finish_reason"] == "finished"
