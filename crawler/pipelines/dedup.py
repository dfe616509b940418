"""Pipeline: give every record its near-duplicate group (``group_id``, ``duplicate_of``).

Groups come from the persistent MinHash LSH index in the state store, so a copy published on
another source, or crawled a month later, still finds its original. ``duplicate_of`` names
the original as judged from the group's members known when the record passes (see
:mod:`crawler.dedup.originals`). Copies are delivered, marked; with
``THRESHER_DEDUP_DROP_COPIES = True`` they are counted (``thresher/duplicates/near_copy``),
marked done in the ledger and dropped instead.

Stats: ``thresher/dedup/grouped`` (joined an existing group), ``thresher/dedup/exact``.
Off with ``THRESHER_DEDUP = False``.
"""

from __future__ import annotations

from dataclasses import replace

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from extractors import Article

from ..context import CrawlContext
from ..dedup import NearDupIndex
from ..dedup.signature import from_bytes
from ..items import RecordItem
from ..state.shared import crawl_state


class DedupPipeline:
    def __init__(self, crawler: Crawler, drop_copies: bool) -> None:
        self.crawler = crawler
        self.drop_copies = drop_copies

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        if not crawler.settings.getbool("THRESHER_DEDUP", True):
            raise NotConfigured("near-duplicate grouping is off")
        return cls(crawler, crawler.settings.getbool("THRESHER_DEDUP_DROP_COPIES", False))

    def open_spider(self) -> None:
        self.state = crawl_state(self.crawler)
        self.index = NearDupIndex(self.state.dedup)
        self.context = CrawlContext.of(self.crawler)

    def process_item(self, item: object) -> object:
        if not isinstance(item, RecordItem):
            return item
        record = Article.from_dict(item.record)
        signed = self.context.near_dup.pop(item.fingerprint, None)
        if signed is not None and signed.matches(record.text, record.title, record.language):
            # The worker's signature, unless a pipeline since changed what it was of.
            assignment = self.index.add_signed(record, from_bytes(signed.signature),
                                               signed.shingles)
        else:
            assignment = self.index.add(record)
        self.state.commit()
        stats = self.crawler.stats
        if assignment.matched is not None:
            stats.inc_value("thresher/dedup/grouped")
            if assignment.exact:
                stats.inc_value("thresher/dedup/exact")
        if self.drop_copies and assignment.duplicate_of is not None:
            stats.inc_value("thresher/duplicates")
            stats.inc_value("thresher/duplicates/near_copy")
            self.context.ledger.commit(item.fingerprint)
            raise DropItem(f"copy of {assignment.duplicate_of}: {item.url}", log_level="DEBUG")
        fields = {"group_id": assignment.group_id, "duplicate_of": assignment.duplicate_of}
        return replace(item, record={**item.record, **fields})
