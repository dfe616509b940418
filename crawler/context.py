"""Per-crawl shared state: the run plan, the output paths, the errors output and the ledger.

One :class:`CrawlContext` per Scrapy crawler, created on first use by whichever component asks
(spider, pipeline, middleware) and kept on the crawler object itself, never in a module
global. It closes on ``spider_closed``, after the pipelines (and so the sinks) have closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from twisted.python.failure import Failure

from .errors_output import CrawlError, ErrorsOutput
from .items import NearDupSignature
from .ledger import DoneLedger
from .sources import Source

_ATTRIBUTE = "_thresher_context"


@dataclass(frozen=True)
class RunPlan:
    """What one crawl of one source writes where. Put in settings as ``THRESHER_RUN``."""

    source: Source
    run_id: str
    output_dir: Path
    jobdir: Path | None = None  # this source's job directory, when resumable
    resumed: bool = False

    @property
    def records_path(self) -> Path:
        return self.output_dir / f"{self.source.name}-{self.run_id}.jsonl"

    @property
    def errors_path(self) -> Path:
        return self.output_dir / f"{self.source.name}-{self.run_id}.errors.jsonl"

    @property
    def stats_path(self) -> Path:
        return self.output_dir / f"{self.source.name}-{self.run_id}.stats.json"

    @property
    def sqlite_path(self) -> Path:
        return self.output_dir / "thresher.sqlite"

    @property
    def ledger_path(self) -> Path | None:
        return self.jobdir / "done.txt" if self.jobdir else None


class CrawlContext:
    def __init__(self, crawler: Crawler, plan: RunPlan) -> None:
        self.plan = plan
        self.source = plan.source
        self.stats = crawler.stats
        self.ledger = DoneLedger(plan.ledger_path)
        self.errors = ErrorsOutput(plan.errors_path, plan.source.name, crawler.stats,
                                   self.ledger)
        # Worker-made dedup signatures by item fingerprint, from extraction to the dedup
        # pipeline (which takes them); a record dropped or failed on the way leaves its own.
        self.near_dup: dict[str, NearDupSignature] = {}

    @classmethod
    def of(cls, crawler: Crawler) -> CrawlContext:
        context = getattr(crawler, _ATTRIBUTE, None)
        if context is None:
            plan = crawler.settings.get("THRESHER_RUN")
            if not isinstance(plan, RunPlan):
                raise RuntimeError("THRESHER_RUN is not set: start crawls with crawler.run")
            context = cls(crawler, plan)
            context.open()
            crawler.signals.connect(context.close, signal=signals.spider_closed)
            crawler.signals.connect(context.item_error, signal=signals.item_error)
            crawler.signals.connect(context.item_dropped, signal=signals.item_dropped)
            setattr(crawler, _ATTRIBUTE, context)
        return context

    def open(self) -> None:
        self.plan.output_dir.mkdir(parents=True, exist_ok=True)
        self.ledger.open()
        self.errors.open()

    def item_error(self, item: object, failure: Failure) -> None:
        """A pipeline raised something unexpected (a bug): the page still leaves a trace.

        Not committed to the ledger, so a resumed run tries the page again.
        """
        self.item_dropped(item)
        url = getattr(item, "url", None)
        if url is None:
            return
        exc = failure.value
        self.errors.record(CrawlError(url, "pipeline", type(exc).__name__.lower(),
                                      f"{type(exc).__name__}: {exc}"))

    def item_dropped(self, item: object) -> None:
        self.near_dup.pop(getattr(item, "fingerprint", None), None)

    def close(self) -> None:
        self.near_dup.clear()
        self.errors.close()
        self.ledger.close()
