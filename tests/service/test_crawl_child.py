"""The crawl child's figures, read off the Scrapy stats that crawler.run leaves."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.service.crawl_child import run_figures, write_stats


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
