"""Test-only hooks that SIGKILL the crawl at a chosen point: ``THRESHER_TEST_KILL=point:n``.

Wired in through settings only (``THRESHER_SINKS``, ``ITEM_PIPELINES``, ``EXTENSIONS``), so the
production code is exactly what runs. ``n`` counts the events of that point (records reaching
a sink, pipeline items, errors entries); at the n-th the process kills itself, mid-action:

* ``before_sinks``: a record is extracted but no sink has it;
* ``jsonl_mid_line``: half of a record's JSON line is in the JSONL file;
* ``between_sinks``: the JSONL file has the record, SQLite does not;
* ``sqlite_mid_txn``: the SQLite row is inserted inside an open transaction;
* ``after_commit``: every sink and the done-ledger have the record;
* ``errors_mid_line``: half of an errors entry is in the errors file.
"""

from __future__ import annotations

import json
import os
import signal
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from crawler.context import CrawlContext, RunPlan
from crawler.errors_output import CrawlError
from crawler.items import RecordItem
from crawler.sinks.jsonl import JsonlSink
from crawler.sinks.sqlite import SqliteSink

ENV = "THRESHER_TEST_KILL"
_counts: dict[str, int] = {}


def _armed(point: str) -> bool:
    """True on the n-th event of ``point`` when the environment arms that point."""
    wanted, _, nth = os.environ.get(ENV, "").partition(":")
    if wanted != point:
        return False
    _counts[point] = _counts.get(point, 0) + 1
    return _counts[point] == int(nth or 1)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _half_line(obj: dict[str, Any]) -> bytes:
    line = json.dumps(obj, ensure_ascii=False).encode() + b"\n"
    return line[: len(line) // 2]


class KillingJsonlSink(JsonlSink):
    def __init__(self, plan: RunPlan) -> None:
        super().__init__(plan)
        self.part_path = plan.records_path.with_name(plan.records_path.name + ".part")

    @classmethod
    def from_plan(cls, plan: RunPlan) -> KillingJsonlSink:
        return cls(plan)

    def write(self, record: dict[str, Any]) -> bool:
        if _armed("jsonl_mid_line"):
            with open(self.part_path, "ab") as handle:
                handle.write(_half_line(record))
            _die()
        return super().write(record)


class KillingSqliteSink(SqliteSink):
    @classmethod
    def from_plan(cls, plan: RunPlan) -> KillingSqliteSink:
        return cls(plan)

    def write(self, record: dict[str, Any]) -> bool:
        if _armed("between_sinks"):
            _die()
        if _armed("sqlite_mid_txn"):
            db = self._require_open()
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO records (id, json, content_hash, updated_at) "
                       "VALUES (?, ?, ?, ?)", (record["id"], json.dumps(record),
                                               record["content_hash"], "now"))
            _die()
        return super().write(record)


class KillBeforeSinks:
    def process_item(self, item: object) -> object:
        if isinstance(item, RecordItem) and _armed("before_sinks"):
            _die()
        return item


class KillAfterCommit:
    def process_item(self, item: object) -> object:
        if isinstance(item, RecordItem) and _armed("after_commit"):
            _die()
        return item


class KillInErrorsWrite:
    """Extension: the n-th errors entry is half written when the process dies."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self._wrap, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> KillInErrorsWrite:
        return cls(crawler)

    def _wrap(self) -> None:
        errors = CrawlContext.of(self.crawler).errors
        record = errors.record
        part = errors.path.with_name(errors.path.name + ".part")

        def record_or_die(error: CrawlError, fingerprint: str = "") -> None:
            if _armed("errors_mid_line"):
                with open(part, "ab") as handle:
                    handle.write(_half_line({"url": error.url, "reason": error.reason}))
                _die()
            record(error, fingerprint)

        errors.record = record_or_die  # type: ignore[method-assign]


SETTINGS: dict[str, Any] = {
    "THRESHER_SINKS": ["tests.hardening.kill_points.KillingJsonlSink",
                       "tests.hardening.kill_points.KillingSqliteSink"],
    "ITEM_PIPELINES": {"tests.hardening.kill_points.KillBeforeSinks": 899,
                       "tests.hardening.kill_points.KillAfterCommit": 950},
    "EXTENSIONS": {"tests.hardening.kill_points.KillInErrorsWrite": 100},
}
