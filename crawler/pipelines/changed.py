"""Pipeline: deliver a page's record only when the page is new or changed since last time.

``new`` and ``changed`` records go on with ``revision`` (1, 2, ...) and, when changed,
``previous_content_hash``; an ``unchanged`` page is counted, marked done in the ledger and
dropped. The page's state (revision, hashes, validators, last seen) is written only when its
record has come out of the last pipeline (``item_scraped``): a record that a later stage
loses is judged new or changed again on the next visit, never unchanged.

Stats: ``thresher/new``, ``thresher/changed``, ``thresher/unchanged`` (and, from the spider
and the conditional-request middleware, ``thresher/not_modified``).
Off with ``THRESHER_CHANGED_ONLY = False``.
"""

from __future__ import annotations

from dataclasses import replace

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from extractors import Article

from ..context import CrawlContext
from ..items import RecordItem
from ..state.revisions import UNCHANGED, Verdict, delivered_state, judge, url_key
from ..state.shared import crawl_state


class ChangedOnlyPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        # fingerprint -> (verdict, content hash straight from extraction), until delivered
        self._pending: dict[str, tuple[Verdict, str]] = {}
        crawler.signals.connect(self._delivered, signal=signals.item_scraped)
        crawler.signals.connect(self._forget, signal=signals.item_dropped)
        crawler.signals.connect(self._forget, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChangedOnlyPipeline:
        if not crawler.settings.getbool("THRESHER_CHANGED_ONLY", True):
            raise NotConfigured("changed-only crawling is off")
        return cls(crawler)

    def open_spider(self) -> None:
        self.state = crawl_state(self.crawler)
        self.context = CrawlContext.of(self.crawler)

    def process_item(self, item: object) -> object:
        if not isinstance(item, RecordItem):
            return item
        record = Article.from_dict(item.record)
        verdict = judge(record, self.state.pages.get(url_key(item.url)))
        self.crawler.stats.inc_value(f"thresher/{verdict.kind}")
        if verdict.kind == UNCHANGED:
            self.state.pages.touch(url_key(item.url), record.fetched_at or "")
            self.state.commit()
            self.context.ledger.commit(item.fingerprint)
            raise DropItem(f"unchanged since the last visit: {item.url}", log_level="DEBUG")
        self._pending[item.fingerprint] = (verdict, record.content_hash)
        fields = {"revision": verdict.revision,
                  "previous_content_hash": verdict.previous_content_hash}
        return replace(item, record={**item.record, **fields})

    def _delivered(self, item: object) -> None:
        if not isinstance(item, RecordItem) or item.fingerprint not in self._pending:
            return
        verdict, extracted_hash = self._pending.pop(item.fingerprint)
        record = item.record
        urls = {item.url, record.get("final_url") or item.url}
        validators = self.state.pages.take_validators(url_key(record.get("final_url")
                                                              or item.url))
        seen_at = record.get("fetched_at") or ""
        for url in urls:
            self.state.pages.put(delivered_state(url, record, verdict, extracted_hash,
                                                 validators, seen_at))
        self.state.commit()

    def _forget(self, item: object) -> None:
        if isinstance(item, RecordItem):
            self._pending.pop(item.fingerprint, None)
