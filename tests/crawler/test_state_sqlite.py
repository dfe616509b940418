"""The embedded SQLite state store: pages, template lines, dedup index; persistence; bad files."""

from __future__ import annotations

import sqlite3

import pytest

from crawler.state import (
    DedupEntry,
    LineStats,
    PageState,
    SiteLines,
    SQLiteStateStore,
    StateStoreError,
    Validators,
)


def _page(url: str = "https://a.example/1", revision: int = 1) -> PageState:
    return PageState(url=url, record_id="r1", revision=revision, content_hash="c1",
                     extracted_hash="e1", key_hash="k1", last_seen="2024-01-01T00:00:00+00:00",
                     validators=Validators('"etag-1"', "Mon, 01 Jan 2024 00:00:00 GMT"))


def _entry(record_id: str, group_id: str, content_hash: str = "h") -> DedupEntry:
    return DedupEntry(record_id=record_id, group_id=group_id, content_hash=content_hash,
                      site="a.example", site_name="A", original_source=None,
                      published_at=None, shingles=10, signature=b"\x01\x00\x00\x00" * 4)


def test_page_state_survives_reopen(tmp_path):
    path = tmp_path / "state.sqlite"
    with SQLiteStateStore.open(path) as store:
        store.pages.put(_page())
        store.commit()
    with SQLiteStateStore.open(path) as store:
        assert store.pages.get("https://a.example/1") == _page()
        assert store.pages.get("https://a.example/other") is None


def test_touch_moves_only_last_seen():
    with SQLiteStateStore.open() as store:
        store.pages.put(_page())
        store.pages.touch("https://a.example/1", "2024-02-02T00:00:00+00:00")
        state = store.pages.get("https://a.example/1")
        assert state.last_seen == "2024-02-02T00:00:00+00:00"
        assert state.content_hash == "c1" and state.revision == 1


def test_validators_wait_aside_until_taken_and_can_be_dropped():
    with SQLiteStateStore.open() as store:
        assert not store.pages.take_validators("https://a.example/1")
        store.pages.stash_validators("https://a.example/1", Validators('"x"', None))
        assert store.pages.take_validators("https://a.example/1") == Validators('"x"', None)
        assert not store.pages.take_validators("https://a.example/1")  # taken
        store.pages.stash_validators("https://a.example/2", Validators(None, "Mon"))
        store.pages.drop_pending()
        assert not store.pages.take_validators("https://a.example/2")


def test_template_lines_round_trip_per_site():
    lines = SiteLines("a.example", 12, (LineStats("footer", "Footer", 12, 0, 1, 1),
                                        LineStats("menu", "Menu", 7, 1, 1, 3)))
    with SQLiteStateStore.open() as store:
        store.templates.save(lines)
        store.templates.save(SiteLines("b.example", 1))
        assert store.templates.load("a.example") == lines
        assert store.templates.load("c.example") == SiteLines("c.example", 0)
        assert store.templates.sites() == ["a.example", "b.example"]
        store.templates.save(SiteLines("a.example", 13, lines.lines[:1]))
        assert store.templates.load("a.example").lines == lines.lines[:1]


def test_dedup_candidates_come_from_shared_band_keys_only():
    with SQLiteStateStore.open() as store:
        store.dedup.add(_entry("r1", "r1"), [11, 12, 13])
        store.dedup.add(_entry("r2", "r2"), [21, 22, 13])
        store.dedup.add(_entry("r3", "r3"), [31, 32, 33])
        found = store.dedup.candidates([13, 99], exclude_id="r9")
        assert [e.record_id for e in found] == ["r1", "r2"]
        assert [e.record_id for e in store.dedup.candidates([13], exclude_id="r1")] == ["r2"]
        assert store.dedup.candidates([], exclude_id="r1") == []


def test_dedup_remove_takes_entry_and_bands_out():
    with SQLiteStateStore.open() as store:
        store.dedup.add(_entry("r1", "g"), [1, 2])
        entry = store.dedup.get("r1")
        store.dedup.remove(entry, [1, 2])
        assert store.dedup.get("r1") is None
        assert store.dedup.candidates([1, 2], exclude_id="x") == []
        assert store.dedup.count() == 0


def test_dedup_exact_hash_groups_and_originals():
    with SQLiteStateStore.open() as store:
        store.dedup.add(_entry("r1", "g", content_hash="same"), [1])
        store.dedup.add(_entry("r2", "g", content_hash="same"), [2])
        assert store.dedup.by_content_hash("same", exclude_id="r2").record_id == "r1"
        assert store.dedup.by_content_hash("same", exclude_id="r1").record_id == "r2"
        assert store.dedup.by_content_hash("other", exclude_id="r1") is None
        assert [e.record_id for e in store.dedup.members("g")] == ["r1", "r2"]
        assert store.dedup.group_original("g") is None
        store.dedup.set_group_original("g", "r2")
        assert store.dedup.group_original("g") == "r2"


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "state.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StateStoreError) as info:
        SQLiteStateStore.open(path)
    assert str(path) in str(info.value) and "not a usable SQLite database" in str(info.value)


def test_a_newer_schema_is_refused_not_misread(tmp_path):
    path = tmp_path / "state.sqlite"
    SQLiteStateStore.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE state_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StateStoreError, match="schema version 99"):
        SQLiteStateStore.open(path)


def test_uncommitted_work_is_not_seen_by_another_handle(tmp_path):
    path = tmp_path / "state.sqlite"
    writer = SQLiteStateStore.open(path)
    reader = SQLiteStateStore.open(path)
    try:
        writer.pages.put(_page())
        assert reader.pages.get("https://a.example/1") is None
        writer.commit()
        assert reader.pages.get("https://a.example/1") == _page()
    finally:
        writer.close()
        reader.close()
