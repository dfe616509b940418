"""SQLite sink: the embedded store downstream apps read (``thresher.sqlite`` in the output).

``records`` holds one row per record id (upsert): the same content again changes nothing, new
content bumps ``revision``. ``runs`` holds one row per crawl of a source. WAL mode lets
readers query while a crawl writes; each record is its own committed transaction, so a kill
-9 loses at most the record being written, which the resumed run writes again.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..clock import utc_now_iso
from ..context import RunPlan

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY,
    source TEXT,
    url TEXT,
    fetched_at TEXT,
    json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    run_id TEXT,
    updated_at TEXT NOT NULL,
    seq INTEGER
);
CREATE INDEX IF NOT EXISTS records_source_fetched ON records (source, fetched_at);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT NOT NULL,
    source TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    records_written INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, source)
);
"""
# The feed's order (crawler/service/feed.py): every insert or changed update takes the next
# number inside this writer's transaction, so numbers become visible in increasing order.
FEED_SEQ = "(SELECT IFNULL(MAX(seq), 0) + 1 FROM records)"
FEED_INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS records_seq ON records (seq);
CREATE INDEX IF NOT EXISTS records_source_seq ON records (source, seq);
"""


class SqliteSink:
    name = "sqlite"

    def __init__(self, plan: RunPlan) -> None:
        self.path = plan.sqlite_path
        self.run_id = plan.run_id
        self.source = plan.source.name
        self._db: sqlite3.Connection | None = None

    @classmethod
    def from_plan(cls, plan: RunPlan) -> SqliteSink:
        return cls(plan)

    def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a process crash loses nothing
        db.executescript(SCHEMA)
        _ensure_feed_seq(db)
        with _transaction(db):
            db.execute(
                "INSERT INTO runs (run_id, source, started_at, status) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (run_id, source) DO UPDATE SET status = excluded.status, "
                "finished_at = NULL",
                (self.run_id, self.source, utc_now_iso(), "running"))
        self._db = db

    def write(self, record: dict[str, Any]) -> bool:
        db = self._require_open()
        with _transaction(db):
            row = db.execute("SELECT content_hash, revision FROM records WHERE id = ?",
                             (record["id"],)).fetchone()
            if row is not None and row[0] == record["content_hash"]:
                return False
            revision = record.get("revision") or (1 if row is None else row[1] + 1)
            db.execute(
                "INSERT INTO records (id, source, url, fetched_at, json, content_hash, revision,"
                f" run_id, updated_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, {FEED_SEQ})"
                " ON CONFLICT (id) DO"
                " UPDATE SET source = excluded.source, url = excluded.url,"
                " fetched_at = excluded.fetched_at, json = excluded.json,"
                " content_hash = excluded.content_hash, revision = excluded.revision,"
                " run_id = excluded.run_id, updated_at = excluded.updated_at, seq = excluded.seq",
                (record["id"], record.get("source"), record.get("url"), record.get("fetched_at"),
                 json.dumps(record, ensure_ascii=False), record["content_hash"], revision,
                 self.run_id, utc_now_iso()))
            db.execute("UPDATE runs SET records_written = records_written + 1 "
                       "WHERE run_id = ? AND source = ?", (self.run_id, self.source))
        return True

    def close(self, ok: bool) -> None:
        if self._db is None:
            return
        with _transaction(self._db):
            self._db.execute(
                "UPDATE runs SET finished_at = ?, status = ? WHERE run_id = ? AND source = ?",
                (utc_now_iso(), "finished" if ok else "stopped", self.run_id, self.source))
        self._db.close()
        self._db = None

    def _require_open(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError(f"{self.path}: write before open")
        return self._db


def _ensure_feed_seq(db: sqlite3.Connection) -> None:
    """A store made before ``seq`` existed gets the column, numbered in insertion order."""
    if "seq" not in {row[1] for row in db.execute("PRAGMA table_info(records)")}:
        with _transaction(db):
            db.execute("ALTER TABLE records ADD COLUMN seq INTEGER")
            db.execute("UPDATE records SET seq = rowid")
    db.executescript(FEED_INDEXES)


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error) on an autocommit connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
