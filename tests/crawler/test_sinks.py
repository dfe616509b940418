"""Sinks: JSONL per source per run, SQLite upsert (idempotent, revisions) and its runs table."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from crawler.context import RunPlan
from crawler.sinks.base import Sink
from crawler.sinks.jsonl import JsonlSink
from crawler.sinks.sqlite import SqliteSink
from crawler.sources import Source


def _plan(tmp_path: Path, run_id: str = "20250101T000000Z") -> RunPlan:
    return RunPlan(Source(name="gazette", start_urls=("https://a.example/",)), run_id,
                   tmp_path)


def _record(record_id: str, text: str = "body") -> dict:
    return {"id": record_id, "url": f"https://a.example/{record_id}", "source": "gazette",
            "fetched_at": "2025-01-01T00:00:00Z", "content_hash": f"hash-of-{text}",
            "text": text, "revision": None}


def _rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT id, revision, content_hash FROM records ORDER BY id").fetchall()


def test_both_sinks_follow_the_protocol(tmp_path: Path) -> None:
    sinks: list[Sink] = [JsonlSink.from_plan(_plan(tmp_path)),
                         SqliteSink.from_plan(_plan(tmp_path))]
    assert [s.name for s in sinks] == ["jsonl", "sqlite"]


def test_jsonl_sink_writes_one_file_per_source_and_run(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    sink = JsonlSink.from_plan(plan)
    sink.open()
    assert sink.write(_record("a"))
    assert not sink.write(_record("a"))
    sink.close(ok=True)
    assert plan.records_path.name == "gazette-20250101T000000Z.jsonl"
    assert [json.loads(x)["id"] for x in plan.records_path.read_text("utf-8").splitlines()] == [
        "a"]


def test_sqlite_upsert_is_idempotent_and_counts_revisions(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    sink = SqliteSink.from_plan(plan)
    sink.open()
    assert sink.write(_record("a"))
    assert not sink.write(_record("a"))  # the same content again: nothing changes
    assert _rows(plan.sqlite_path) == [("a", 1, "hash-of-body")]
    assert sink.write(_record("a", "changed"))  # new content: revision 2
    assert sink.write(_record("b"))
    sink.close(ok=True)
    assert _rows(plan.sqlite_path) == [("a", 2, "hash-of-changed"), ("b", 1, "hash-of-body")]
    with sqlite3.connect(plan.sqlite_path) as db:
        stored = json.loads(db.execute("SELECT json FROM records WHERE id='a'").fetchone()[0])
        runs = db.execute("SELECT run_id, source, status, records_written FROM runs").fetchall()
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert stored["text"] == "changed"
    assert runs == [("20250101T000000Z", "gazette", "finished", 3)]
    assert mode == "wal"


def test_sqlite_store_outlives_runs_and_marks_interrupted_ones(tmp_path: Path) -> None:
    first = SqliteSink.from_plan(_plan(tmp_path, "run1"))
    first.open()
    first.write(_record("a"))
    first.close(ok=False)
    second = SqliteSink.from_plan(_plan(tmp_path, "run2"))
    second.open()
    assert not second.write(_record("a"))  # a replayed record is harmless
    second.close(ok=True)
    with sqlite3.connect(tmp_path / "thresher.sqlite") as db:
        runs = db.execute("SELECT run_id, status FROM runs ORDER BY run_id").fetchall()
    assert runs == [("run1", "stopped"), ("run2", "finished")]
    assert _rows(tmp_path / "thresher.sqlite") == [("a", 1, "hash-of-body")]
