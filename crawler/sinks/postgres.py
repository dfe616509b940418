"""PostgreSQL sink: the record store many workers write at once (``records`` in the schema).

The same contract as the SQLite sink: one row per record id, the same content again changes
nothing (``write`` returns False, so a retried or replayed page is harmless), new content
bumps ``revision``. Every write is one call of the schema's ``put_record`` function
(migration 0003), its own transaction: it takes the schema's ``feed`` advisory lock, reads
the row ``FOR UPDATE`` and upserts it, in one round trip. The lock does two jobs:

* ``seq`` (the feed order, as in the SQLite sink) is taken from a sequence while the lock is
  held, so numbers become visible in increasing order: a feed reader that asks for
  ``seq > last`` never skips a row that a slower transaction commits later;
* the read-compare-write of ``content_hash``/``revision`` cannot interleave with another
  worker's write of the same id: no lost update, no revision counted twice.

Writes are short (one row), so serialising them costs little next to fetching and extracting.
``runs`` gets one row per worker per crawl; its count is brought up to date every
``COUNT_EVERY`` records and at the end.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from ..cluster.pg import PgTarget, migrate
from ..cluster.plan import pg_target_of
from ..context import RunPlan

FEED_LOCK = "feed"
COUNT_EVERY = 100  # records between updates of this worker's ``runs`` row

class PostgresSink:
    name = "postgres"

    def __init__(self, target: PgTarget, run_id: str, source: str, worker: str) -> None:
        self.target = target
        self.run_id = run_id
        self.source = source
        self.worker = worker
        self._db: psycopg.Connection | None = None
        self._written = 0  # records this worker wrote, counted into ``runs`` now and then

    @classmethod
    def from_plan(cls, plan: RunPlan) -> PostgresSink:
        run_id = getattr(plan, "cluster_run", "") or plan.run_id
        return cls(pg_target_of(plan), run_id, plan.source.name,
                   getattr(plan, "worker", "") or "single")

    def open(self) -> None:
        migrate(self.target)
        db = self.target.connect(autocommit=True)
        db.execute(
            "INSERT INTO runs (run_id, source, worker, status) VALUES (%s, %s, %s, 'running') "
            "ON CONFLICT (run_id, source, worker) DO UPDATE SET status = 'running', "
            "finished_at = NULL", (self.run_id, self.source, self.worker))
        self._db = db

    def write(self, record: dict[str, Any]) -> bool:
        db = self._require_open()
        row = db.execute(
            "SELECT put_record(%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (self.target.lock_key(FEED_LOCK), record["id"], record.get("source"),
             record.get("url"), record.get("fetched_at"), Jsonb(record),
             record["content_hash"], record.get("revision") or None, self.run_id)).fetchone()
        written = bool(row and row[0])
        if written:
            self._written += 1
            if self._written % COUNT_EVERY == 0:
                self._count_written("running")
        return written

    def close(self, ok: bool) -> None:
        if self._db is None:
            return
        try:
            self._count_written("finished" if ok else "stopped")
        finally:
            self._db.close()
            self._db = None

    def _count_written(self, status: str) -> None:
        assert self._db is not None
        finished = "now()" if status != "running" else "NULL"
        self._db.execute(
            f"UPDATE runs SET records_written = %s, status = %s, finished_at = {finished} "
            "WHERE run_id = %s AND source = %s AND worker = %s",
            (self._written, status, self.run_id, self.source, self.worker))

    def _require_open(self) -> psycopg.Connection:
        if self._db is None:
            raise RuntimeError(f"{self.target.label}: write before open")
        return self._db
