"""Extension: give a cluster worker's crawl the PostgreSQL state store.

The changed-only, template and dedup stages and the conditional-request middleware all ask
:func:`crawler.state.shared.crawl_state` for the crawl's store, which opens the SQLite file
on first use and keeps the handle on the crawler. Extensions are built before the engine
(and so before any middleware or pipeline), so this one opens the PostgreSQL store first and
puts it where ``crawl_state`` looks: every stage then shares the cluster's store without
knowing it. The store closes on ``spider_closed``, after the pipelines.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from ..state.postgres import PostgresStateStore
from .config import SETTING, ClusterConfig


class PostgresStateExtension:
    def __init__(self, store: PostgresStateStore) -> None:
        self.store = store

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PostgresStateExtension:
        if crawler.settings.get(SETTING) is None:
            raise NotConfigured("not a cluster worker")
        config = ClusterConfig.of(crawler)
        if config.pg is None:
            raise NotConfigured("no PostgreSQL target: the state store stays local")
        try:
            from ..state import shared
        except ImportError as exc:  # a Thresher whose stages keep no state: nothing to share
            raise NotConfigured("no crawl state store in this Thresher") from exc
        store = PostgresStateStore.open(config.pg, owner=config.worker or None)
        setattr(crawler, shared._ATTRIBUTE, store)
        crawler.signals.connect(store.close, signal=signals.spider_closed)
        return cls(store)
