"""Changed-only recrawls against a real local server: 304s, lastmod skips, revisions.

Each crawl is a `thresher crawl` child process into the same output folder (and so the same
state store), as a scheduled crawl would run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .crawl_runner import read_jsonl, thresher, write_sources
from .revisable_server import RevisableSite
from .templated_site import make_pages

PAGES = 6


def _sitemap(site: RevisableSite, lastmod: dict[str, str] | None = None) -> bytes:
    entries = []
    for path in sorted(p for p in site.pages if p.startswith("/story/")):
        stamp = f"<lastmod>{lastmod[path]}</lastmod>" if lastmod and path in lastmod else ""
        entries.append(f"<url><loc>{site.url(path)}</loc>{stamp}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
            '"http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(entries)
            + "</urlset>").encode()


def _serve_stories(site: RevisableSite, *, validators: bool, seed: int = 5) -> list[str]:
    paths = []
    for page in make_pages(PAGES, "en", seed):
        site.put(page.path, page.html(), validators=validators)
        paths.append(page.path)
    return paths


def _crawl(tmp_path: Path, site: RevisableSite) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One crawl into tmp_path/out; returns this run's records and stats."""
    sources = write_sources(tmp_path / "sources.toml", f"""
[[source]]
name = "lantern"
sitemaps = ["{site.url('/sitemap.xml')}"]
allow_private = true
concurrency = 4
""")
    out = tmp_path / "out"
    before = set(out.glob("lantern-*.stats.json")) if out.exists() else set()
    result = thresher("crawl", "--sources", str(sources), "--output", str(out),
                      "--workers", "0")
    assert result.returncode == 0, result.stderr[-3000:]
    [stats_path] = set(out.glob("lantern-*.stats.json")) - before
    stats = json.loads(stats_path.read_text("utf-8"))
    records_path = stats_path.with_name(stats_path.name.replace(".stats.json", ".jsonl"))
    records = read_jsonl(records_path) if records_path.exists() else []
    assert stats["thresher/unaccounted"] == 0
    return records, stats


def _changed_story(site: RevisableSite, path: str) -> None:
    page = site.pages[path]
    body = page.body.replace(b"</h1>", b"</h1>\n<p>Update: the harbour council confirmed the "
                                       b"figures late on Friday evening after a long "
                                       b"meeting with the ferry operators.</p>", 1)
    site.put(path, body, validators=page.validators, modified=page.modified + 3600)


def test_unchanged_site_gives_nothing_and_one_changed_page_gives_revision_two(tmp_path):
    with RevisableSite() as site:
        paths = _serve_stories(site, validators=True)
        site.put("/sitemap.xml", _sitemap(site), validators=False)

        first, stats1 = _crawl(tmp_path, site)
        assert sorted(r["url"] for r in first) == sorted(site.url(p) for p in paths)
        assert all(r["revision"] == 1 and r["previous_content_hash"] is None for r in first)
        assert stats1["thresher/new"] == PAGES

        site.reset_counts()
        second, stats2 = _crawl(tmp_path, site)
        assert second == []
        assert stats2["thresher/not_modified"] == PAGES
        assert stats2["thresher/not_modified/http_304"] == PAGES
        assert stats2.get("thresher/extracted", 0) == 0  # a 304 costs no extraction
        assert stats2.get("thresher/records", 0) == 0
        assert all(site.count(p, 304) == 1 and site.count(p, 200) == 0 for p in paths)

        _changed_story(site, paths[2])
        site.reset_counts()
        third, stats3 = _crawl(tmp_path, site)
        assert [r["url"] for r in third] == [site.url(paths[2])]
        [changed] = third
        [before] = [r for r in first if r["url"] == changed["url"]]
        assert changed["revision"] == 2
        assert changed["previous_content_hash"] == before["content_hash"]
        assert changed["content_hash"] != before["content_hash"]
        assert changed["id"] == before["id"]
        assert stats3["thresher/changed"] == 1 and stats3["thresher/not_modified"] == PAGES - 1
        assert stats3["thresher/extracted"] == 1


def test_without_validators_lastmod_skips_the_fetch_and_unchanged_bodies_are_not_delivered(
        tmp_path):
    """Half the sitemap entries carry an old <lastmod> (not even fetched the second time);
    the other half carry none (fetched and extracted, but the same body: no record)."""
    with RevisableSite() as site:
        paths = _serve_stories(site, validators=False)
        dated, undated = paths[:3], paths[3:]
        old = dict.fromkeys(dated, "2020-01-01T00:00:00+00:00")
        site.put("/sitemap.xml", _sitemap(site, old), validators=False)
        first, _ = _crawl(tmp_path, site)
        assert len(first) == PAGES

        site.reset_counts()
        second, stats2 = _crawl(tmp_path, site)
        assert second == []
        assert stats2["thresher/not_modified"] == stats2["thresher/not_modified/lastmod"] == 3
        assert stats2["thresher/unchanged"] == 3 and stats2["thresher/extracted"] == 3
        assert [p for p in paths if site.count(p, 200)] == undated  # dated: no request at all

        for path in (dated[1], undated[1]):
            _changed_story(site, path)
        site.put("/sitemap.xml", _sitemap(site, {**old, dated[1]: "2999-01-01T00:00:00Z"}),
                 validators=False)
        site.reset_counts()
        third, stats3 = _crawl(tmp_path, site)
        assert sorted((r["url"], r["revision"]) for r in third) == sorted(
            [(site.url(dated[1]), 2), (site.url(undated[1]), 2)])
        assert [p for p in dated if site.count(p, 200)] == [dated[1]]
        assert stats3["thresher/changed"] == 2 and stats3["thresher/unchanged"] == 2
