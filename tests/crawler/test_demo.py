"""The README's main job: `thresher demo` serves the bundled site and crawls it end to end."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crawler.demo.server import SITE

from .crawl_runner import one, read_jsonl, stats_of, thresher


def test_demo_crawls_every_bundled_article_into_jsonl_and_sqlite(tmp_path: Path) -> None:
    out = tmp_path / "output"
    result = thresher("demo", "--output", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    articles = sorted(p.relative_to(SITE).as_posix() for p in (SITE / "news").rglob("*.html"))
    records = read_jsonl(one("demo-*[0-9]Z.jsonl", out))
    assert sorted(r["url"].split("/", 3)[3] for r in records) == articles
    assert {r["language"] for r in records} >= {"en", "de", "zh"}
    with sqlite3.connect(out / "thresher.sqlite") as db:
        assert db.execute("SELECT count(*) FROM records").fetchone()[0] == len(articles)
    errors = read_jsonl(one("demo-*.errors.jsonl", out))
    assert [e["url"].rsplit("/", 1)[1] for e in errors] == ["about.html"]  # too short
    stats = stats_of(out)
    assert stats["thresher/skipped_listing"] == 2  # the front page and "latest"
    assert stats["thresher/unaccounted"] == 0
    assert "demo" in result.stdout and "finished" in result.stdout
