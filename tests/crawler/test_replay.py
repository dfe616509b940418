"""Record a live crawl of a local site, replay it offline twice: identical records, no requests.

One live crawl (``--record-into`` and ``--warc-out``) and two replays (``--replay``) run once
for the module; the server stays up during the replays so a stray request would show in its
hit counts.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawler.recording import RecordingIndex, iter_cases, read_saved
from tests.support.news_site import ARTICLES
from tests.support.server import SiteServer

from .crawl_runner import one, read_jsonl, thresher, write_sources


@dataclass(frozen=True)
class Runs:
    base_url: str
    recording: Path
    live: Path
    replays: tuple[Path, Path]
    hits_after_live: dict[str, int]
    hits_after_replays: dict[str, int]
    sources: Path


def _sources(folder: Path, base: str) -> Path:
    return write_sources(folder / "sources.toml", f"""
[[source]]
name = "gazette"
start_urls = ["{base}/"]
sitemaps = ["{base}/sitemap_index.xml"]
feeds = ["{base}/feed.xml"]
allow_private = true
concurrency = 4
""")


def _crawl(sources: Path, output: Path, *extra: str) -> None:
    result = thresher("crawl", "gazette", "--sources", str(sources), "--output", str(output),
                      "--workers", "2", *extra)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    folder = tmp_path_factory.mktemp("replay")
    with SiteServer() as server:
        sources = _sources(folder, server.base_url)
        _crawl(sources, folder / "live", "--record-into", str(folder / "recording"),
               "--warc-out", str(folder / "crawl.warc.gz"))
        hits_after_live = dict(server.hits)
        _crawl(sources, folder / "replay1", "--replay", str(folder / "recording"))
        _crawl(sources, folder / "replay2", "--replay", str(folder / "recording"),
               "--warc-out", str(folder / "replay.warc.gz"))
        hits_after_replays = dict(server.hits)
    return Runs(server.base_url, folder / "recording", folder / "live",
                (folder / "replay1", folder / "replay2"), hits_after_live, hits_after_replays,
                sources)


def _records(output: Path) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in read_jsonl(one("gazette-*[0-9]Z.jsonl", output))}


def _errors(output: Path) -> list[tuple[str, str, str, str]]:
    entries = read_jsonl(one("gazette-*.errors.jsonl", output))
    return sorted((e["url"], e["stage"], e["reason"], e["kind"]) for e in entries)


def _sqlite(output: Path) -> dict[str, str]:
    with sqlite3.connect(output / "thresher.sqlite") as db:
        return dict(db.execute("SELECT id, json FROM records"))


def test_the_recording_has_every_response_in_the_fixture_layout(runs: Runs) -> None:
    saved = {read_saved(case).url: read_saved(case) for case in iter_cases(runs.recording)}
    for n in range(1, ARTICLES + 1):
        page = saved[f"{runs.base_url}/news/{n}.html"]
        assert page.status == 200 and b"Council story number" in page.body
    moved = saved[f"{runs.base_url}/moved/3.html"]
    assert moved.final_url == f"{runs.base_url}/news/3.html"
    assert saved[f"{runs.base_url}/broken.html"].status == 404
    assert f"{runs.base_url}/robots.txt" in saved  # so the replay obeys the same rules
    assert not RecordingIndex.load(runs.recording).bad_cases


def test_replay_sends_no_request_at_all(runs: Runs) -> None:
    assert runs.hits_after_live  # the live crawl did reach the server
    assert runs.hits_after_replays == runs.hits_after_live


def test_replaying_twice_gives_identical_records_errors_and_store(runs: Runs) -> None:
    first, second = runs.replays
    assert len(_records(first)) == ARTICLES
    assert _records(first) == _records(second)
    assert _errors(first) == _errors(second)
    assert _sqlite(first) == _sqlite(second)


# Near-duplicate marking streams records in the order they finish; in a live crawl the
# network decides that order, so which member a group names as original may differ.
ORDER_DEPENDENT = ("duplicate_of", "group_id")


def test_replay_gives_the_live_crawls_records_fetch_times_included(runs: Runs) -> None:
    def comparable(records: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {key: {k: v for k, v in record.items() if k not in ORDER_DEPENDENT}
                for key, record in records.items()}

    live, replayed = _records(runs.live), _records(runs.replays[0])
    assert len(live) == ARTICLES
    assert comparable(live) == comparable(replayed)
    assert _errors(runs.live) == _errors(runs.replays[0])


def test_a_url_missing_from_the_recording_is_an_errors_entry(runs: Runs,
                                                             tmp_path: Path) -> None:
    partial = tmp_path / "partial"
    shutil.copytree(runs.recording, partial)
    missing = f"{runs.base_url}/news/5.html"
    shutil.rmtree(RecordingIndex.load(partial).find(missing))
    output = tmp_path / "out"
    _crawl(runs.sources, output, "--replay", str(partial))
    assert len(_records(output)) == ARTICLES - 1
    assert (missing, "fetch", "not_in_recording", "page") in _errors(output)


def test_replay_of_a_missing_folder_is_refused_up_front(tmp_path: Path) -> None:
    result = thresher("crawl", "--url", "http://127.0.0.1:9/", "--allow-private",
                      "--output", str(tmp_path / "out"), "--replay", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "no such recording folder" in result.stderr


def test_the_warc_archives_every_response_with_digests(runs: Runs) -> None:
    from warcio.archiveiterator import ArchiveIterator

    responses: dict[str, int] = {}
    with (runs.live.parent / "crawl.warc.gz").open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                assert record.rec_headers.get_header("WARC-Payload-Digest")
                uri = record.rec_headers.get_header("WARC-Target-URI")
                path = uri.removeprefix(runs.base_url)
                responses[path] = responses.get(path, 0) + 1
    assert responses == runs.hits_after_live  # every hop: robots.txt, the 301, the 404


def test_a_replay_archives_nothing_because_nothing_was_served(runs: Runs) -> None:
    from warcio.archiveiterator import ArchiveIterator

    with (runs.live.parent / "replay.warc.gz").open("rb") as stream:
        kinds = [record.rec_type for record in ArchiveIterator(stream)]
    assert kinds == ["warcinfo"]


def test_ingesting_the_crawls_own_warc_gives_the_same_articles(runs: Runs,
                                                                tmp_path: Path) -> None:
    output = tmp_path / "ingested"
    result = thresher("ingest-warc", str(runs.live.parent / "crawl.warc.gz"), "--source",
                      "gazette", "--output", str(output), "--workers", "0")
    assert result.returncode == 0, result.stderr[-3000:]
    ingested = {r["url"]: r for r in _records(output).values()}
    live = {r["url"]: r for r in _records(runs.live).values()}
    assert set(ingested) == set(live)
    assert {u: r["title"] for u, r in ingested.items()} == {u: r["title"] for u, r in live.items()}
    assert {u: r["fetched_at"] for u, r in ingested.items()} == {
        u: r["fetched_at"] for u, r in live.items()}  # WARC-Date is the recorded fetch time
