"""The record feed: every change exactly once, in a stable order, while a crawl writes."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from crawler.service.feed import FeedError, RecordFeed, StoreBusy, parse_cursor

from .records import churn, churn_in_process, make_record, open_sink


def drain(feed: RecordFeed, cursor: int, limit: int) -> tuple[list[tuple[int, str, str]], int]:
    """Read every page after ``cursor``: (seq, id, content hash) in order, and the end cursor."""
    seen = []
    while True:
        page = feed.page(cursor, limit)
        seen += [(row.seq, row.record["id"], row.record["content_hash"]) for row in page.rows]
        cursor = int(page.next_cursor)
        if not page.has_more:
            return seen, cursor


def check_exactly_once(seen: list[tuple[int, str, str]], final: dict[str, str]) -> None:
    seqs = [seq for seq, _, _ in seen]
    assert seqs == sorted(set(seqs)), "positions repeated or out of order"
    versions = [(record_id, digest) for _, record_id, digest in seen]
    assert len(versions) == len(set(versions)), "a version was delivered twice"
    last_seen = {}
    for record_id, digest in versions:
        last_seen[record_id] = digest
    assert last_seen == final, "a record was missed, or its latest version was"


def test_a_poller_sees_every_record_once_while_another_process_writes(tmp_path: Path) -> None:
    output = tmp_path / "output"
    open_sink(output).close(True)  # the store exists before the poller starts
    feed = RecordFeed(output / "thresher.sqlite")
    writer = multiprocessing.get_context("spawn").Process(
        target=churn_in_process, args=(str(output), 1000, 11))
    writer.start()
    seen, cursor = [], 0
    polls = 0
    while writer.is_alive():
        page, cursor = drain(feed, cursor, limit=7)
        seen += page
        polls += 1
    writer.join()
    assert writer.exitcode == 0
    rest, cursor = drain(feed, cursor, limit=7)
    seen += rest
    assert polls > 5  # the poller really read while the writer wrote

    with sqlite3.connect(output / "thresher.sqlite") as db:
        final = dict(db.execute("SELECT id, content_hash FROM records"))
    assert len(final) == 1000
    check_exactly_once(seen, final)
    assert feed.page(cursor, 10).rows == ()  # caught up: nothing more, nothing repeated


def test_rewriting_an_unchanged_record_does_not_move_it(tmp_path: Path) -> None:
    output = tmp_path / "output"
    final = churn(output, 50)
    feed = RecordFeed(output / "thresher.sqlite")
    last = feed.last_seq()
    sink = open_sink(output)
    row = feed.get(next(iter(final)))
    assert sink.write(row.record) is False
    sink.close(True)
    assert feed.last_seq() == last
    assert feed.get(row.record["id"]).seq == row.seq


def test_a_source_filter_pages_only_that_source_in_order(tmp_path: Path) -> None:
    output = tmp_path / "output"
    alpha, beta = open_sink(output, "alpha"), open_sink(output, "beta", run_id="r2")
    for number in range(30):
        (alpha if number % 3 else beta).write(
            make_record(number, source="alpha" if number % 3 else "beta"))
    alpha.close(True)
    beta.close(True)
    feed = RecordFeed(output / "thresher.sqlite")
    first = feed.page(0, 4, source="beta")
    second = feed.page(int(first.next_cursor), 100, source="beta")
    rows = first.rows + second.rows
    assert [r.record["title"] for r in rows] == [f"Story {n}" for n in range(0, 30, 3)]
    assert first.has_more and not second.has_more


def test_streaming_pages_end_where_the_next_page_starts(tmp_path: Path) -> None:
    output = tmp_path / "output"
    churn(output, 40)
    feed = RecordFeed(output / "thresher.sqlite")
    end, has_more = feed.page_end(0, 25)
    streamed = list(feed.stream(0, end))
    assert len(streamed) == 25 and has_more
    assert [r.seq for r in streamed] == [r.seq for r in feed.page(0, 25).rows]
    end2, has_more2 = feed.page_end(end, 1000)
    assert not has_more2
    assert len(list(feed.stream(end, end2))) == feed.record_count() - 25


def test_bad_cursors_are_refused_with_the_reason(tmp_path: Path) -> None:
    output = tmp_path / "output"
    churn(output, 5)
    feed = RecordFeed(output / "thresher.sqlite")
    for bad in ("abc", "-1", "1.5", "٣"):
        with pytest.raises(FeedError, match="since: not a cursor"):
            parse_cursor(bad)
    with pytest.raises(FeedError, match="ahead of the feed"):
        feed.page(feed.last_seq() + 100, 10)


def test_a_missing_store_is_an_empty_feed_not_an_error(tmp_path: Path) -> None:
    feed = RecordFeed(tmp_path / "nothing.sqlite")
    page = feed.page(0, 10)
    assert (page.rows, page.next_cursor, page.has_more) == ((), "0", False)
    assert not (tmp_path / "nothing.sqlite").exists()  # reading never creates it


def test_a_store_made_before_the_feed_column_is_numbered_in_insertion_order(
        tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    with sqlite3.connect(output / "thresher.sqlite") as db:  # the sink's schema before seq
        db.execute("CREATE TABLE records (id TEXT PRIMARY KEY, source TEXT, url TEXT,"
                   " fetched_at TEXT, json TEXT NOT NULL, content_hash TEXT NOT NULL,"
                   " revision INTEGER NOT NULL DEFAULT 1, run_id TEXT, updated_at TEXT NOT NULL)")
        db.execute("INSERT INTO records VALUES ('b', 'alpha', NULL, NULL, '{\"id\": \"b\"}',"
                   " 'h', 1, NULL, 'now')")
    sink = open_sink(output)
    sink.write(make_record(1))
    sink.close(True)
    rows = RecordFeed(output / "thresher.sqlite").page(0, 10).rows
    assert [(row.seq, row.record["id"]) for row in rows] == [(1, "b"), (2, make_record(1)["id"])]


def _rollback_journal(store: Path) -> None:
    """Out of WAL mode: the file alone is the whole store, as a backup copy is."""
    with sqlite3.connect(store) as db:
        db.execute("PRAGMA journal_mode=DELETE")


def test_a_store_replaced_by_an_older_backup_is_read_afresh(tmp_path: Path) -> None:
    """The feed keeps its connection between pages, yet never reads a replaced file's ghost."""
    churn(tmp_path / "backup", 3)
    backup = tmp_path / "backup" / "thresher.sqlite"
    _rollback_journal(backup)
    churn(tmp_path / "live", 20)
    live = tmp_path / "live" / "thresher.sqlite"
    _rollback_journal(live)
    feed = RecordFeed(live)
    assert feed.record_count() == 20
    last = feed.last_seq()
    assert len(feed.page(0, 100).rows) == feed.record_count()

    backup.replace(live)  # restored from the older backup while the service runs
    assert feed.record_count() == 3
    with pytest.raises(FeedError, match="ahead of the feed"):
        feed.page(last, 10)  # a client's cursor from before the restore
    assert len(feed.page(0, 100).rows) == 3


def test_a_locked_store_is_reported_at_once_to_a_reader_that_will_not_wait(
        tmp_path: Path) -> None:
    churn(tmp_path, 5)
    store = tmp_path / "thresher.sqlite"
    _rollback_journal(store)  # outside WAL mode a writer's lock shuts readers out
    feed = RecordFeed(store)
    assert len(feed.page(0, 10, wait=False).rows) == 5
    writer = sqlite3.connect(store, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreBusy):
            feed.page(0, 10, wait=False)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert len(feed.page(0, 10, wait=False).rows) == 5
