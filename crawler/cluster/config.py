"""What a cluster worker is told: the Redis frontier, the PostgreSQL target, its timings.

Put in Scrapy settings as ``THRESHER_CLUSTER``; :meth:`ClusterConfig.frontier_of` gives each
crawler one :class:`~crawler.cluster.frontier.Frontier` (kept on the crawler object, never in
a module global), shared by the queue, the spider and the worker extension.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass

import redis
from scrapy.crawler import Crawler

from .frontier import Frontier, FrontierKeys
from .pg import PgTarget

SETTING = "THRESHER_CLUSTER"
DEFAULT_PREFIX = "thresher"
_ATTRIBUTE = "_thresher_frontier"


@dataclass(frozen=True)
class ClusterConfig:
    redis_url: str
    source: str
    pg: PgTarget | None = None
    prefix: str = DEFAULT_PREFIX
    worker: str = ""
    idle_timeout: float = 30.0  # quiet this long (queue empty, nothing in flight): exit
    heartbeat_ttl: float = 10.0  # a worker silent this long is dead: its requests go back
    tick: float = 0.5  # seconds between heartbeats, recovery checks and queue polls
    stall_limit: float = 300.0  # a reactor silent this long: the heartbeat stops (hung)

    @property
    def keys(self) -> FrontierKeys:
        return FrontierKeys(self.prefix, self.source)

    def frontier(self, worker: str | None = None) -> Frontier:
        server = redis.Redis.from_url(self.redis_url, socket_timeout=30,
                                      socket_connect_timeout=10, retry_on_timeout=True)
        return Frontier(server, self.keys, worker or self.worker, self.heartbeat_ttl)

    @staticmethod
    def of(crawler: Crawler) -> ClusterConfig:
        config = crawler.settings.get(SETTING)
        if not isinstance(config, ClusterConfig):
            raise RuntimeError(f"{SETTING} is not set: start cluster workers with "
                               "crawler.cluster.worker")
        return config

    @staticmethod
    def frontier_of(crawler: Crawler) -> Frontier:
        frontier = getattr(crawler, _ATTRIBUTE, None)
        if frontier is None:
            frontier = ClusterConfig.of(crawler).frontier()
            setattr(crawler, _ATTRIBUTE, frontier)
        return frontier


def new_worker_id() -> str:
    """Unique across machines and restarts: host, process id and a random part."""
    host = socket.gethostname().split(".")[0] or "host"
    return f"{host}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
