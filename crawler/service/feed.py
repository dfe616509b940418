"""The record feed: cursor pagination over the SQLite record store, in write order.

Why it never misses or repeats a record while crawls write: every insert or changed update
of a record is given the next sequence number *inside the writer's transaction* (see
``crawler/sinks`` for where the store assigns it). SQLite admits one writer at a time, so
sequence numbers become visible in increasing order: once a reader has seen number N, no
later commit can add a number below N. A poller that asks for ``seq > cursor`` in order
therefore sees every change exactly once. A record updated after it was read comes back
once more, at its new number, as the newer version; a record updated twice before it was
read comes once, as its latest version.

The cursor is the sequence number as a decimal string; clients treat it as opaque.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

MAX_PAGE = 1000  # JSON pages are built in memory
MAX_STREAM = 100_000  # NDJSON pages are streamed in chunks
STREAM_CHUNK = 500
# The stored JSON as UTF-8 bytes: no decode to str and encode back per record per poll.
RAW_JSON = "CAST(json AS BLOB)"
BUSY_TIMEOUT_MS = 30_000  # how long a read may wait for a writer's lock (never, in WAL mode)


class FeedError(ValueError):
    """A request the feed cannot answer (bad cursor, bad limit); the message says why."""


class StoreBusy(Exception):
    """A writer holds the store locked and the caller chose not to wait.

    Only a store outside WAL mode can lock readers out (one restored from a backup, until
    the next crawl's sink turns WAL back on); the event loop must not sit out the lock.
    """


class FeedRow(NamedTuple):
    """One record at its feed position. A tuple, not a dataclass: a page builds hundreds."""

    seq: int
    raw: bytes  # the record's JSON as stored (UTF-8): served as is, never decoded or parsed

    @property
    def record(self) -> dict[str, Any]:
        return json.loads(self.raw)


@dataclass(frozen=True)
class FeedPage:
    rows: tuple[FeedRow, ...]
    next_cursor: str
    has_more: bool


def parse_cursor(raw: str | None) -> int:
    if raw is None or raw == "":
        return 0
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise FeedError(f"since: not a cursor (expected the next_cursor of an earlier page, "
                        f"a non-negative integer; got {raw!r})")
    return int(raw)


def check_limit(limit: int, maximum: int) -> int:
    if limit < 1 or limit > maximum:
        raise FeedError(f"limit: expected 1..{maximum} (got {limit})")
    return limit


class RecordFeed:
    """Reads the record store the crawls write (``records`` and its sequence numbers)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()  # one connection per thread (sqlite3's own rule)

    def exists(self) -> bool:
        return self.path.is_file()

    def page(self, since: int, limit: int, source: str | None = None, *,
             wait: bool = True) -> FeedPage:
        """Up to ``limit`` rows after ``since``. ``wait=False``: raise :class:`StoreBusy`
        at once if a writer has the store locked, instead of waiting for the lock."""
        if not self.exists():
            return FeedPage((), str(since), False)
        with self._connect(wait) as conn:
            rows = self._select(conn, since, limit + 1, source)
            if not rows:  # rows after the cursor prove it is not ahead; none: check
                self._check_not_ahead(conn, since)
        has_more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = str(rows[-1].seq) if rows else str(since)
        return FeedPage(tuple(rows), next_cursor, has_more)

    def page_end(self, since: int, limit: int, source: str | None = None) -> tuple[int, bool]:
        """The cursor a page of ``limit`` rows after ``since`` ends at, and whether more follow.

        For streaming: rows up to this number are then read in chunks. A row below it that
        is updated meanwhile moves above it and comes in the next page instead: not lost.
        """
        if not self.exists():
            return since, False
        with self._connect() as conn:
            self._check_not_ahead(conn, since)
            filter_sql, params = _source_filter(source)
            seqs = conn.execute(
                f"SELECT seq FROM records WHERE seq > ? {filter_sql} ORDER BY seq LIMIT ?",
                (since, *params, limit + 1)).fetchall()
        if not seqs:
            return since, False
        has_more = len(seqs) > limit
        return seqs[min(limit, len(seqs)) - 1][0], has_more

    def stream(self, since: int, until: int, source: str | None = None) -> Iterator[FeedRow]:
        """Rows with ``since < seq <= until`` in order, read a chunk at a time."""
        cursor = since
        while cursor < until:
            with self._connect() as conn:
                rows = self._select(conn, cursor, STREAM_CHUNK, source, until=until)
            if not rows:
                return
            yield from rows
            cursor = rows[-1].seq

    def get(self, record_id: str) -> FeedRow | None:
        if not self.exists():
            return None
        with self._connect() as conn:
            row = conn.execute(f"SELECT seq, {RAW_JSON} FROM records WHERE id = ?",
                               (record_id,)).fetchone()
        return FeedRow(row[0], row[1]) if row else None

    def last_seq(self, *, wait: bool = True) -> int:
        """The highest sequence number ever handed out (0 for an empty or missing store)."""
        if not self.exists():
            return 0
        with self._connect(wait) as conn:
            return _last_seq(conn)

    def source_counts(self) -> dict[str, int]:
        if not self.exists():
            return {}
        with self._connect() as conn:
            rows = conn.execute("SELECT source, COUNT(*) FROM records GROUP BY source")
            return {source: count for source, count in rows}

    def record_count(self) -> int:
        if not self.exists():
            return 0
        with self._connect() as conn:
            return conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]

    def changed_since(self, source: str, since: int) -> list[dict[str, Any]]:
        """Records of ``source`` written after sequence ``since`` (a run's records)."""
        if not self.exists():
            return []
        with self._connect() as conn:
            rows = conn.execute("SELECT json FROM records WHERE source = ? AND seq > ?",
                                (source, since)).fetchall()
        return [json.loads(row[0]) for row in rows]

    def _select(self, conn: sqlite3.Connection, since: int, limit: int, source: str | None,
                until: int | None = None) -> list[FeedRow]:
        filter_sql, params = _source_filter(source)
        if until is not None:
            filter_sql += " AND seq <= ?"
            params = (*params, until)
        rows = conn.execute(
            f"SELECT seq, {RAW_JSON} FROM records WHERE seq > ? {filter_sql} ORDER BY seq "
            "LIMIT ?", (since, *params, limit)).fetchall()
        return [FeedRow(seq, data) for seq, data in rows]

    def _check_not_ahead(self, conn: sqlite3.Connection, since: int) -> None:
        last = _last_seq(conn)
        if since > last:
            raise FeedError(
                f"since: cursor {since} is ahead of the feed (last position {last}); the "
                f"store was replaced or restored from an older backup — start again from 0")

    @contextmanager
    def _connect(self, wait: bool = True) -> Iterator[sqlite3.Connection]:
        conn = self._connection()
        busy_ms = BUSY_TIMEOUT_MS if wait else 0
        if self._local.busy_ms != busy_ms:  # changes only on a thread that does both
            conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
            self._local.busy_ms = busy_ms
        try:
            yield conn
        except sqlite3.OperationalError as exc:
            if not wait and "locked" in str(exc):
                raise StoreBusy(str(exc)) from exc
            raise

    def _connection(self) -> sqlite3.Connection:
        """This thread's read-only connection, kept between requests.

        Opening one per request cost more than the page query (open, URI parse, schema
        read). Each statement runs in autocommit (SELECTs open no transaction in Python's
        sqlite3), so a kept connection still sees every commit. The file's identity is
        checked each time: a store replaced at the path (a restored backup) is reopened,
        never read through the old file.
        """
        stat = self.path.stat()
        identity = (stat.st_dev, stat.st_ino)
        local = self._local
        conn: sqlite3.Connection | None = getattr(local, "conn", None)
        if conn is None or local.identity != identity:
            if conn is not None:
                conn.close()
            # Read-only: the feed must never create or change the store it serves.
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
            local.conn, local.identity, local.busy_ms = conn, identity, BUSY_TIMEOUT_MS
        return conn


def _source_filter(source: str | None) -> tuple[str, tuple[Any, ...]]:
    return ("AND source = ?", (source,)) if source is not None else ("", ())


def _last_seq(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT MAX(seq) FROM records").fetchone()
    return int(row[0] or 0)

