"""Run history: one row per crawl run (start, end, status, pages, records, errors, drift).

An embedded SQLite file in WAL mode, so the API and dashboard read it while the scheduler
writes. A connection is opened per operation (never in ``__init__``): the store is shared by
the scheduler's threads and the API's worker threads.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# What a run can end as. "skipped": a fire time that came while the previous run of the same
# source was still going; "missed": a fire time older than the misfire grace when the service
# got to it; "interrupted": found running when the service started (it died mid-run).
RUNNING = "running"
FINAL_STATUSES = ("succeeded", "failed", "timed_out", "stopped", "interrupted", "skipped",
                  "missed")
TRIGGERS = ("schedule", "manual")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    trigger TEXT NOT NULL,
    scheduled_for TEXT,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT NOT NULL,
    pid INTEGER,
    exit_code INTEGER,
    pages INTEGER,
    records INTEGER,
    errors INTEGER,
    reason TEXT,
    feed_seq_start INTEGER,
    drift TEXT
);
CREATE INDEX IF NOT EXISTS runs_by_source ON runs (source, id);
"""


@dataclass(frozen=True)
class Run:
    id: int
    source: str
    trigger: str  # "schedule" | "manual"
    scheduled_for: str | None  # the cron fire time this run is for (UTC ISO 8601)
    started_at: str  # UTC ISO 8601
    ended_at: str | None
    status: str  # "running" or one of FINAL_STATUSES
    pid: int | None = None
    exit_code: int | None = None
    pages: int | None = None
    records: int | None = None
    errors: int | None = None
    reason: str | None = None  # why it failed / was stopped / skipped, for people
    feed_seq_start: int | None = None  # the feed's last sequence number when the run began
    drift: dict[str, Any] = field(default_factory=dict)  # see crawler.service.drift

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "source": self.source, "trigger": self.trigger,
            "scheduled_for": self.scheduled_for, "started_at": self.started_at,
            "ended_at": self.ended_at, "status": self.status, "exit_code": self.exit_code,
            "pages": self.pages, "records": self.records, "errors": self.errors,
            "reason": self.reason, "drift": self.drift,
        }


@dataclass(frozen=True)
class RunOutcome:
    """What a finished run reports back."""

    status: str
    exit_code: int | None = None
    pages: int | None = None
    records: int | None = None
    errors: int | None = None
    reason: str | None = None
    drift: dict[str, Any] = field(default_factory=dict)


class RunStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def initialise(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)

    def start(self, source: str, trigger: str, started_at: str,
              scheduled_for: str | None = None, feed_seq_start: int | None = None) -> Run:
        with self._connect() as conn:
            cursor = conn.execute(
                "INSERT INTO runs (source, trigger, scheduled_for, started_at, status,"
                " feed_seq_start) VALUES (?, ?, ?, ?, ?, ?)",
                (source, trigger, scheduled_for, started_at, RUNNING, feed_seq_start))
            run_id = cursor.lastrowid
        return self.get(run_id)

    def set_pid(self, run_id: int, pid: int) -> None:
        with self._connect() as conn:
            conn.execute("UPDATE runs SET pid = ? WHERE id = ?", (pid, run_id))

    def finish(self, run_id: int, ended_at: str, outcome: RunOutcome) -> Run:
        if outcome.status not in FINAL_STATUSES:
            raise ValueError(f"run {run_id}: not a final status: {outcome.status!r}")
        with self._connect() as conn:
            conn.execute(
                "UPDATE runs SET ended_at = ?, status = ?, exit_code = ?, pages = ?,"
                " records = ?, errors = ?, reason = ?, drift = ? WHERE id = ?",
                (ended_at, outcome.status, outcome.exit_code, outcome.pages, outcome.records,
                 outcome.errors, outcome.reason, json.dumps(outcome.drift), run_id))
        return self.get(run_id)

    def record_not_run(self, source: str, status: str, at: str, scheduled_for: str | None,
                       reason: str) -> Run:
        """A fire time that did not become a crawl (skipped for overlap, or missed)."""
        with self._connect() as conn:
            cursor = conn.execute(
                "INSERT INTO runs (source, trigger, scheduled_for, started_at, ended_at,"
                " status, reason) VALUES (?, 'schedule', ?, ?, ?, ?, ?)",
                (source, scheduled_for, at, at, status, reason))
            run_id = cursor.lastrowid
        return self.get(run_id)

    def get(self, run_id: int) -> Run:
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return _run(row)

    def list(self, source: str | None = None, limit: int = 50,
             before_id: int | None = None, status: str | None = None) -> list[Run]:
        """Newest first."""
        clauses, params = [], []
        if source is not None:
            clauses.append("source = ?")
            params.append(source)
        if before_id is not None:
            clauses.append("id < ?")
            params.append(before_id)
        if status is not None:
            clauses.append("status = ?")
            params.append(status)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._connect() as conn:
            rows = conn.execute(f"SELECT * FROM runs {where} ORDER BY id DESC LIMIT ?",
                                (*params, limit)).fetchall()
        return [_run(row) for row in rows]

    def last_per_source(self) -> dict[str, Run]:
        """The newest run of each source that actually started a crawl."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT * FROM runs WHERE id IN (SELECT MAX(id) FROM runs"
                " WHERE status NOT IN ('skipped', 'missed') GROUP BY source)").fetchall()
        return {row["source"]: _run(row) for row in rows}

    def drift_series(self, source: str, limit: int = 100) -> list[Run]:
        """The last ``limit`` runs of ``source`` that measured drift, oldest first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT * FROM runs WHERE source = ? AND drift IS NOT NULL"
                " ORDER BY id DESC LIMIT ?", (source, limit)).fetchall()
        return [_run(row) for row in reversed(rows)]

    def running(self) -> list[Run]:
        return self.list(status=RUNNING, limit=10_000)

    def counts(self) -> list[tuple[str, str, int]]:
        """(source, status, number of runs), for metrics."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT source, status, COUNT(*) FROM runs GROUP BY source, status").fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def totals(self) -> list[tuple[str, int, int, int]]:
        """(source, pages, records, errors) summed over finished runs, for metrics."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT source, IFNULL(SUM(pages), 0), IFNULL(SUM(records), 0),"
                " IFNULL(SUM(errors), 0) FROM runs GROUP BY source").fetchall()
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=30)
        conn.row_factory = sqlite3.Row
        try:
            with conn:  # commit on success, roll back on error
                yield conn
        finally:
            conn.close()


def _run(row: sqlite3.Row) -> Run:
    data = dict(row)
    data["drift"] = json.loads(data["drift"]) if data.get("drift") else {}
    return Run(**data)
