"""`thresher service` end to end: a real crawl of a local site through the feed, then SIGTERM.

The service runs as its own process (uvicorn, the scheduler, the crawl child with Scrapy)
against a real local site on port 0, exactly as an operator would start it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.news_site import ARTICLES
from tests.support.server import SiteServer

from .conftest import wait_until

REPO = Path(__file__).resolve().parents[2]
TOKEN = "e2e-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


class Service:
    def __init__(self, process: subprocess.Popen, base: str, state: Path, log: Path) -> None:
        self.process, self.base, self.state, self.log = process, base, state, log

    def get(self, path: str) -> httpx.Response:
        return httpx.get(self.base + path, headers=AUTH, timeout=30)

    def post(self, path: str, body: dict) -> httpx.Response:
        return httpx.post(self.base + path, headers=AUTH, json=body, timeout=30)

    def run_status(self, run_id: int) -> str:
        return self.get(f"/v1/runs/{run_id}").json()["status"]


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer() as server:
        yield server


@pytest.fixture
def slow_site() -> Iterator[SiteServer]:
    """Slow pages (and never crawled before): its crawl is still going when SIGTERM comes."""
    with SiteServer(delay=2.0) as server:
        yield server


@pytest.fixture
def service(tmp_path: Path, site: SiteServer, slow_site: SiteServer) -> Iterator[Service]:
    sources = tmp_path / "sources.toml"
    sources.write_text(f"""
[[source]]
name = "gazette"
start_urls = ["{site.base_url}/"]
sitemaps = ["{site.base_url}/sitemap_index.xml"]
allow_private = true
concurrency = 2
schedule = "0 3 * * *"

[[source]]
name = "slowpaper"
start_urls = ["{slow_site.base_url}/"]
sitemaps = ["{slow_site.base_url}/sitemap_index.xml"]
allow_private = true
concurrency = 2
""", "utf-8")
    log = tmp_path / "service.log"
    env = {**os.environ, "THRESHER_API_TOKEN": TOKEN, "THRESHER_SHUTDOWN_GRACE": "1",
           "THRESHER_STOP_GRACE": "60"}
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "crawler.cli", "service", "--sources", str(sources),
             "--state-dir", str(tmp_path / "state"), "--port", "0"],
            cwd=REPO, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: process.poll() is not None or _port(log), timeout=60,
                   what="the service to listen")
        assert process.poll() is None, log.read_text()
        yield Service(process, f"http://127.0.0.1:{_port(log)}", tmp_path / "state", log)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _html_hits(site: SiteServer) -> int:
    with site._lock:
        return sum(count for path, count in site.hits.items() if path.endswith(".html"))


def _port(log: Path) -> int | None:
    match = re.search(r"Uvicorn running on http://127\.0\.0\.1:(\d+)", log.read_text("utf-8"))
    return int(match.group(1)) if match else None


def test_a_run_feeds_records_and_sigterm_stops_a_crawl_cleanly(
        service: Service, site: SiteServer, slow_site: SiteServer) -> None:
    assert httpx.get(service.base + "/healthz", timeout=10).json()["status"] == "ok"
    sources = {s["name"]: s for s in service.get("/v1/sources").json()["sources"]}
    assert sources["gazette"]["next_run"].endswith("03:00:00+00:00")
    assert sources["slowpaper"]["next_run"] is None

    run = service.post("/v1/runs", {"source": "gazette"}).json()["run"]
    wait_until(lambda: service.run_status(run["id"]) != "running", timeout=240,
               what="the first crawl to finish")
    finished = service.get(f"/v1/runs/{run['id']}").json()
    assert finished["status"] == "succeeded", (finished, service.log.read_text()[-3000:])
    assert finished["records"] == ARTICLES and finished["pages"] >= ARTICLES
    assert finished["drift"]["records"] == ARTICLES and finished["drift"]["median_word_count"]

    page = service.get("/v1/records?limit=5").json()
    records = page["records"]
    while page["has_more"]:
        page = service.get(f"/v1/records?since={page['next_cursor']}&limit=5").json()
        records += page["records"]
    assert {r["source"] for r in records} == {"gazette"}
    urls = sorted(r["url"] for r in records)
    assert urls == sorted(site.url(f"/news/{n}.html") for n in range(1, ARTICLES + 1))
    inspection = service.get(f"/v1/records/{records[0]['id']}/inspect").json()
    assert inspection["page"]["view"] == "archived"  # the run kept its raw pages (WARC)

    second = service.post("/v1/runs", {"source": "slowpaper"}).json()["run"]
    wait_until(lambda: _html_hits(slow_site) >= 3, timeout=120,
               what="the second crawl to be fetching pages")
    service.process.send_signal(signal.SIGTERM)
    # Uvicorn re-raises the signal once it has shut down: death by SIGTERM is the clean
    # exit (systemd counts it as success).
    code = service.process.wait(timeout=120)
    assert code in (0, -signal.SIGTERM), service.log.read_text()[-3000:]
    assert "service stopped" in service.log.read_text()

    with sqlite3.connect(service.state / "runs.sqlite") as db:
        status, reason = db.execute("SELECT status, reason FROM runs WHERE id = ?",
                                    (second["id"],)).fetchone()
    assert status == "stopped" and "shutting down" in reason
    output = service.state / "output"
    assert not list(output.glob("*.part")), "a sink was left half-written"
    stats = json.loads((service.state / "runs" / str(second["id"]) / "stats.json").read_text())
    assert stats["finish_reason"] == "shutdown"  # Scrapy closed the spider and its sinks
    with sqlite3.connect(output / "thresher.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
