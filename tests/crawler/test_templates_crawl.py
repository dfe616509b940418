"""Template memory in a real crawl: a site whose clutter the generic rules miss.

Every record of the crawl comes out clean, the first ones too (a site's first records wait
for the warm-up), and no line of any article body is lost. The memory is saved per site and
the next crawl of the site knows it before its first page.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .crawl_runner import one, read_jsonl, thresher, write_sources
from .revisable_server import RevisableSite
from .templated_site import CLUTTER, make_pages

PAGES = 14


def test_crawl_learns_the_template_and_strips_it_from_every_record(tmp_path: Path) -> None:
    pages = make_pages(PAGES, "en", seed=31)
    with RevisableSite() as site:
        for page in pages:
            site.put(page.path, page.html())
        entries = "".join(f"<url><loc>{site.url(p.path)}</loc></url>" for p in pages)
        site.put("/sitemap.xml", ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps'
                                  f'.org/schemas/sitemap/0.9">{entries}</urlset>').encode())
        sources = write_sources(tmp_path / "sources.toml", f"""
[[source]]
name = "lantern"
sitemaps = ["{site.url('/sitemap.xml')}"]
allow_private = true
concurrency = 4
""")
        out = tmp_path / "out"
        result = thresher("crawl", "--sources", str(sources), "--output", str(out),
                          "--workers", "0")
        assert result.returncode == 0, result.stderr[-3000:]

    port = site.base_url.rsplit(":", 1)[1]
    records = {r["url"]: r for r in read_jsonl(one("lantern-*[0-9]Z.jsonl", out))}
    assert len(records) == PAGES
    for page in pages:
        record = records[site.url(page.path)]
        for phrase in CLUTTER["en"]:
            assert phrase not in record["text"] and phrase not in record["markdown"]
        for paragraph in page.paragraphs:
            assert paragraph in record["text"]
        rules = {r["rule"] for r in record["extraction"]["removed"]}
        assert f"template:127.0.0.1:{port}" in rules
    stats = json.loads(one("lantern-*.stats.json", out).read_text("utf-8"))
    assert stats["thresher/template_stripped"] == PAGES
    assert stats["thresher/unaccounted"] == 0

    with sqlite3.connect(out / "state.sqlite") as db:
        learned = {row[0] for row in db.execute(
            "SELECT text FROM template_lines WHERE site = ? AND pages >= 5",
            (f"127.0.0.1:{port}",))}
    assert set(CLUTTER["en"]) <= learned
