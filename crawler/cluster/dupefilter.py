"""scrapy-redis's shared seen-set, keyed by Scrapy's own request fingerprint.

scrapy-redis hashes (method, canonical URL, body) itself; Thresher's spider, ledger and
resume logic key pages by ``crawler.request_fingerprinter``. One fingerprint everywhere means
the seen-set, the seed command and the spider agree on what "the same page" is.
"""

from __future__ import annotations

import redis
from scrapy import Request, Spider
from scrapy.utils.request import RequestFingerprinterProtocol
from scrapy_redis.dupefilter import RFPDupeFilter

from .config import ClusterConfig


class ClusterDupeFilter(RFPDupeFilter):
    def __init__(self, server: redis.Redis, key: str, debug: bool,
                 fingerprinter: RequestFingerprinterProtocol) -> None:
        super().__init__(server, key, debug)
        self.fingerprinter = fingerprinter

    @classmethod
    def from_spider(cls, spider: Spider) -> ClusterDupeFilter:
        frontier = ClusterConfig.frontier_of(spider.crawler)
        return cls(frontier.server, frontier.keys.seen,
                   spider.settings.getbool("DUPEFILTER_DEBUG"),
                   spider.crawler.request_fingerprinter)

    def request_fingerprint(self, request: Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    def close(self, reason: str = "") -> None:
        """Keep the seen-set: other workers are still using it (``cluster seed`` resets it)."""
