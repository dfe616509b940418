"""A request dupefilter that never persists what it has seen.

Scrapy's default writes every scheduled fingerprint to ``JOBDIR/requests.seen``, so after a
kill -9 a page that was scheduled but never written would be filtered forever: lost. Thresher
keeps "done" state in its own ledger instead (:mod:`crawler.ledger`), committed only after the
record is written; this filter only stops repeats within one process.
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.dupefilters import RFPDupeFilter


class MemoryDupeFilter(RFPDupeFilter):
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MemoryDupeFilter:
        return cls(None, crawler.settings.getbool("DUPEFILTER_DEBUG"),
                   fingerprinter=crawler.request_fingerprinter)
