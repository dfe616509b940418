"""Near-duplicate groups in real crawls: copies crawled later, from another source, still name
the original crawled before (the index lives in the state store, not in the crawl)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from benchmarks.syndication_corpus import generate_corpus, to_html

from .crawl_runner import read_jsonl, thresher, write_sources
from .revisable_server import RevisableSite


def _serve(site: RevisableSite, pages) -> dict[str, str]:
    """Serve ``pages`` under /news/<n>.html with a sitemap; story id by served URL."""
    stories = {}
    entries = []
    for number, page in enumerate(pages):
        url = site.url(f"/news/{number}.html")
        site.put(f"/news/{number}.html", to_html(replace(page, url=url)))
        stories[url] = page.story_id
        entries.append(f"<url><loc>{url}</loc></url>")
    site.put("/sitemap.xml", ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/'
                              f'schemas/sitemap/0.9">{"".join(entries)}</urlset>').encode())
    return stories


def _crawl(tmp_path: Path, name: str, site: RevisableSite, extra: str = "") -> list[dict]:
    sources = write_sources(tmp_path / f"{name}.toml", f"""
[[source]]
name = "{name}"
sitemaps = ["{site.url('/sitemap.xml')}"]
allow_private = true
concurrency = 4
{extra}
""")
    out = tmp_path / "out"
    result = thresher("crawl", "--sources", str(sources), "--output", str(out),
                      "--workers", "0")
    assert result.returncode == 0, result.stderr[-3000:]
    paths = list(out.glob(f"{name}-*[0-9]Z.jsonl"))
    return read_jsonl(paths[0]) if paths else []


def test_copies_from_a_later_crawl_of_another_source_name_the_original(tmp_path: Path) -> None:
    corpus = generate_corpus(seed=4242, stories_per_topic=3, copy_share=0.7,
                             languages=("en",))
    originals = [p for p in corpus if p.is_original]
    copies = [p for p in corpus if not p.is_original]
    copied = {p.story_id for p in copies}
    fresh = generate_corpus(seed=999, stories_per_topic=1, copy_share=0.0, languages=("en",))
    assert len(copies) >= 5 and len(copied) < len(originals)  # singles too
    with RevisableSite() as wire, RevisableSite() as echo, RevisableSite() as mirror:
        wire_stories = _serve(wire, originals)
        # On the second site: one copy per copied story, two stories reposted word for word,
        # and new stories on the same topics (look-alikes that must stay on their own).
        one_copy = list({p.story_id: p for p in copies}.values())
        reposted = [p for p in originals if p.story_id not in copied][:2]
        echo_stories = _serve(echo, one_copy + reposted + fresh)
        first = _crawl(tmp_path, "wire", wire)
        second = _crawl(tmp_path, "echo", echo)
        # A source that asks for copies to be dropped: everything on it is a copy.
        _serve(mirror, one_copy + fresh)
        third = _crawl(tmp_path, "mirror", mirror, "drop_copies = true")

    original_of = {wire_stories[r["url"]]: r for r in first}
    assert all(r["group_id"] == r["id"] and r["duplicate_of"] is None for r in first)
    for record in second:
        story = echo_stories[record["url"]]
        if story not in original_of:  # a fresh story
            assert record["group_id"] == record["id"] and record["duplicate_of"] is None
            continue
        original = original_of[story]
        assert record["group_id"] == original["group_id"], record["url"]
        assert record["duplicate_of"] == original["id"]
    assert len(second) == len(one_copy) + len(reposted) + len(fresh)
    assert third == []
    [stats] = (tmp_path / "out").glob("mirror-*.stats.json")
    counts = json.loads(stats.read_text("utf-8"))
    assert counts["thresher/duplicates/near_copy"] == len(one_copy) + len(fresh)
    assert counts["thresher/unaccounted"] == 0
