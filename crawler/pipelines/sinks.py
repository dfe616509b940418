"""Pipeline: hand each record to every configured sink, then mark its page done.

Sinks come from ``THRESHER_SINKS`` (import paths of classes following
:class:`crawler.sinks.base.Sink`). The page enters the done-ledger only after every sink has
the record, so a crash in between replays the page and the sinks drop the repeat. A sink that
raises turns the page into an errors-output line (stage ``sink``) and the crawl goes on.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.misc import load_object

from ..context import CrawlContext
from ..errors_output import CrawlError
from ..items import RecordItem
from ..sinks.base import Sink

logger = logging.getLogger(__name__)

DEFAULT_SINKS = ("crawler.sinks.jsonl.JsonlSink", "crawler.sinks.sqlite.SqliteSink")


class SinkPipeline:
    def __init__(self, crawler: Crawler, sink_paths: list[str]) -> None:
        self.crawler = crawler
        self.sink_paths = sink_paths
        self.sinks: list[Sink] = []
        self._finished = False
        crawler.signals.connect(self._spider_idle, signal=signals.spider_idle)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SinkPipeline:
        paths = crawler.settings.getlist("THRESHER_SINKS", list(DEFAULT_SINKS))
        return cls(crawler, paths)

    def _spider_idle(self) -> None:
        self._finished = True  # nothing left to crawl: a normal end, not an interruption

    def open_spider(self) -> None:
        self.context = CrawlContext.of(self.crawler)
        for path in self.sink_paths:
            sink = load_object(path).from_plan(self.context.plan)
            sink.open()
            self.sinks.append(sink)

    def close_spider(self) -> None:
        for sink in self.sinks:
            try:
                sink.close(self._finished)
            except Exception:
                logger.exception("sink %s failed to close", sink.name)

    def process_item(self, item: object) -> object:
        if not isinstance(item, RecordItem):
            return item
        stats = self.crawler.stats
        new_anywhere = False
        for sink in self.sinks:
            try:
                new_anywhere = sink.write(item.record) or new_anywhere
            except Exception as exc:
                logger.exception("sink %s failed on %s", sink.name, item.url)
                self.context.errors.record(CrawlError(
                    item.url, "sink", f"{sink.name}_failed", f"{type(exc).__name__}: {exc}"),
                    item.fingerprint)
                raise DropItem(f"sink {sink.name} failed: {item.url}", log_level="DEBUG") from exc
        self.context.ledger.commit(item.fingerprint)
        if new_anywhere:
            stats.inc_value("thresher/records")
            return item
        stats.inc_value("thresher/duplicates")  # already in every sink: a resumed page
        stats.inc_value("thresher/duplicates/already_written")
        return item
