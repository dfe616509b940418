"""The crawl child's figures, read off the Scrapy stats that crawler.run leaves."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.service.crawl_child import run_figures, write_stats
from tests.support.server import SiteServer

from .conftest import wait_until

REPO = Path(__file__).resolve().parents[2]


def test_figures_from_scrapy_stats(tmp_path: Path) -> None:
    stats = {
        "thresher/pages_seen": 17, "thresher/records": 12, "thresher/errors": 4,
        "thresher/errors/extract/body_too_short": 2, "thresher/errors/fetch/http_404": 1,
        "thresher/errors/extract/no_article_body": 1, "thresher/errors/extract": 3,
        "finish_reason": "finished", "downloader/response_count": 25,
    }
    figures = run_figures(stats, "20260105T100000Z", ok=True)
    assert figures == {
        "pages": 17, "records": 12, "errors": 4, "finish_reason": "finished", "ok": True,
        "error_reasons": {"body_too_short": 2, "http_404": 1, "no_article_body": 1},
        "crawl_run_id": "20260105T100000Z",
    }
    path = tmp_path / "run" / "stats.json"
    write_stats(path, figures)
    assert json.loads(path.read_text()) == figures
    assert not list(path.parent.glob("*.tmp"))


def test_a_crawl_that_never_started_has_zero_figures() -> None:
    figures = run_figures({}, "r", ok=False)
    assert (figures["pages"], figures["records"], figures["errors"]) == (0, 0, 0)
    assert figures["finish_reason"] is None and figures["error_reasons"] == {}


@pytest.mark.parametrize("moment", ["Scrapy 2", "Spider opened"])
def test_a_sigint_before_the_engine_runs_still_closes_the_crawl_cleanly(
        tmp_path: Path, moment: str) -> None:
    """SIGINT at process start or while the spider opens: held, then Scrapy's clean close."""
    with SiteServer(delay=2.0) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[[source]]\nname = "gazette"\nstart_urls = ["{site.base_url}/"]\n'
                           f'sitemaps = ["{site.base_url}/sitemap_index.xml"]\n'
                           "allow_private = true\n", "utf-8")
        log, output, stats = tmp_path / "crawl.log", tmp_path / "out", tmp_path / "stats.json"
        with open(log, "wb") as sink:
            child = subprocess.Popen(
                [sys.executable, "-m", "crawler.service.crawl_child", "--source", "gazette",
                 "--sources", str(sources), "--output", str(output), "--jobdir",
                 str(tmp_path / "jobs"), "--stats", str(stats)],
                cwd=REPO, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until(lambda: moment.encode() in log.read_bytes() or child.poll() is not None,
                       what=f"{moment!r} in the crawl log")
            child.send_signal(signal.SIGINT)
            child.wait(timeout=120)
        finally:
            if child.poll() is None:
                child.kill()
    assert json.loads(stats.read_text())["finish_reason"] == "shutdown", log.read_text()[-2000:]
    assert "Closing spider (shutdown)" in log.read_text()
    assert not list(output.glob("*.part")), "files left open"
