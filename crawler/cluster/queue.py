"""A scrapy-redis queue whose pops survive a killed worker (see :mod:`.frontier`).

Same storage as ``scrapy_redis.queue.PriorityQueue`` (a sorted set scored by -priority);
``pop`` files the request as in flight for this worker and puts the token in
``request.meta[TOKEN]``, which :class:`~crawler.cluster.spider.ClusterSpider` and
:class:`~crawler.cluster.scheduler.ClusterScheduler` hand back to ``Frontier.ack``.
"""

from __future__ import annotations

import logging
from types import ModuleType

import redis
from scrapy import Request, Spider
from scrapy_redis.queue import Base

from .config import ClusterConfig

TOKEN = "thresher_cluster_token"
logger = logging.getLogger(__name__)


class ReliablePriorityQueue(Base):
    def __init__(self, server: redis.Redis, spider: Spider, key: str,
                 serializer: ModuleType | None = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.frontier = ClusterConfig.frontier_of(spider.crawler)

    def __len__(self) -> int:
        return self.frontier.queued()

    def push(self, request: Request) -> None:
        if TOKEN in request.meta:  # a retry or redirect of a popped request: a new entry
            request = request.replace(meta={k: v for k, v in request.meta.items()
                                            if k != TOKEN})
        self.frontier.push(self._encode_request(request), request.priority)

    def pop(self, timeout: int = 0) -> Request | None:
        popped = self.frontier.pop()
        if popped is None:
            return None
        try:
            request = self._decode_request(popped.data)
        except Exception:  # a corrupt entry must not stop the crawl, nor stay in flight
            logger.exception("cannot decode a queued request, dropped: %r", popped.data[:200])
            self.frontier.ack(popped.token)
            return None
        request.meta[TOKEN] = popped.token
        return request
