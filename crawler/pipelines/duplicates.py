"""Pipeline: drop a record whose id this run already produced (two URLs, one article).

Counted as ``thresher/duplicates`` and committed to the ledger (the page is done). Near-
duplicate grouping across runs belongs to the dedup stage, not here.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from ..context import CrawlContext
from ..items import RecordItem


class DuplicateRecordPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._ids: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DuplicateRecordPipeline:
        return cls(crawler)

    def process_item(self, item: object) -> object:
        if not isinstance(item, RecordItem):
            return item
        record_id = item.record["id"]
        if record_id in self._ids:
            self.crawler.stats.inc_value("thresher/duplicates")
            CrawlContext.of(self.crawler).ledger.commit(item.fingerprint)
            raise DropItem(f"duplicate of record {record_id}: {item.url}", log_level="DEBUG")
        self._ids.add(record_id)
        return item
