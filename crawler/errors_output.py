"""The errors output: every page (or sitemap, feed) that did not become a record, one JSON line.

    {"url": ..., "source": ..., "stage": "fetch|guard|extract|validate|sink|pipeline",
     "reason": "http_404", "message": "...", "at": "2025-01-01T12:00:00Z", "kind": "page"}

``kind`` is "page" for article candidates and "sitemap" / "feed" for discovery documents. A
page error also enters the done-ledger, so a resumed run does not fetch it again. Stage
``pipeline`` means a pipeline raised something unexpected (a bug, reason = exception type).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scrapy.statscollectors import StatsCollector

from .clock import utc_now_iso
from .jsonl_file import AtomicJsonlFile
from .ledger import DoneLedger

STAGES = ("fetch", "guard", "extract", "validate", "sink", "pipeline")
PAGE = "page"


@dataclass(frozen=True)
class CrawlError:
    url: str
    stage: str
    reason: str
    message: str
    kind: str = PAGE


class ErrorsOutput:
    def __init__(self, path: Path, source: str, stats: StatsCollector,
                 ledger: DoneLedger) -> None:
        self.path = path
        self.source = source
        self._stats = stats
        self._ledger = ledger
        self._file = AtomicJsonlFile(path, lambda e: f"{e['kind']}|{e['stage']}|{e['url']}")

    def open(self) -> None:
        self._file.open()

    def record(self, error: CrawlError, fingerprint: str = "") -> None:
        if error.stage not in STAGES:
            raise ValueError(f"unknown stage {error.stage!r}")
        self._file.write({
            "url": error.url, "source": self.source, "stage": error.stage,
            "reason": error.reason, "message": error.message[:2000], "at": utc_now_iso(),
            "kind": error.kind,
        })
        if error.kind == PAGE:
            self._stats.inc_value("thresher/errors")
            self._stats.inc_value(f"thresher/errors/{error.stage}")
            self._stats.inc_value(f"thresher/errors/{error.stage}/{error.reason}")
            self._ledger.commit(fingerprint)
        else:
            self._stats.inc_value("thresher/discovery_errors")
            self._stats.inc_value(f"thresher/discovery_errors/{error.kind}/{error.reason}")

    def close(self) -> None:
        self._file.close()
