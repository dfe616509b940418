"""The end-of-crawl summary and the live progress text."""

from __future__ import annotations

import io
from pathlib import Path

from crawler.context import RunPlan
from crawler.progress import progress_text
from crawler.run import CrawlOutcome
from crawler.sources import Source
from crawler.summary import COLUMNS, plain_table, print_summary, summary_rows

STATS = {"thresher/pages_seen": 20, "thresher/records": 15, "thresher/errors": 2,
         "thresher/skipped_listing": 3, "thresher/duplicates": 0, "thresher/unaccounted": 0,
         "elapsed_time_seconds": 4.0, "finish_reason": "finished"}


def test_plain_summary_when_not_a_terminal(tmp_path: Path) -> None:
    plan = RunPlan(Source(name="gazette", start_urls=("https://a.example/",)), "RUN1", tmp_path)
    outcome = CrawlOutcome(plan, STATS)
    (row,) = summary_rows([outcome])
    values = dict(zip(COLUMNS, row, strict=True))
    assert {k: values[k] for k in ("source", "run", "pages", "records", "errors", "listings",
                                   "duplicates", "unaccounted", "seconds", "pages/s",
                                   "finish")} == {
        "source": "gazette", "run": "RUN1", "pages": "20", "records": "15", "errors": "2",
        "listings": "3", "duplicates": "0", "unaccounted": "0", "seconds": "4.0",
        "pages/s": "5.0", "finish": "finished"}
    stream = io.StringIO()  # not a terminal: plain aligned text, no box drawing
    print_summary([outcome], stream)
    header, line, paths = stream.getvalue().splitlines()
    assert header == plain_table([row]).splitlines()[0]
    assert all(column in header for column in COLUMNS)
    assert line.split()[:3] == ["gazette", "RUN1", "20"]
    assert not any(ch in stream.getvalue() for ch in "│┃━─")
    assert str(plan.records_path) in paths and str(plan.sqlite_path) in paths
    assert CrawlOutcome(plan, STATS).ok
    assert not CrawlOutcome(plan, {**STATS, "finish_reason": "shutdown"}).ok


def test_progress_text_shows_counts_and_rate() -> None:
    text = progress_text("gazette", STATS, elapsed=2.0).plain
    assert "pages 20" in text and "records 15" in text and "errors 2" in text
    assert "10.0 pages/s" in text
