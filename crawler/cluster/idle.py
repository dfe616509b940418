"""Extension: keep a cluster worker alive while the crawl needs it, and let it go after.

A spider on scrapy-redis's scheduler closes the first time the shared queue is empty (and a
scrapy-redis ``RedisSpider`` never closes at all, a known pain). This extension decides:

* a heartbeat thread (:mod:`.heartbeat`) keeps the worker's ``alive`` key fresh while the
  process lives and its reactor is not stuck;
* every ``tick`` it requeues the requests of workers whose heartbeat has expired
  (``Frontier.recover``) and wakes the engine, which would otherwise look at an
  empty-then-refilled shared queue (and call ``spider_idle``) only every 5 seconds;
* on ``spider_idle`` it keeps the spider open (``DontCloseSpider``) unless the frontier has
  been *quiet* — queue empty and nothing in flight at any worker, living or dead — for
  ``idle_timeout`` seconds. Another worker's page may still add links, and a dead worker's
  requests come back once its heartbeat has expired, so an empty queue alone is no reason
  to leave.
"""

from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from twisted.internet import task

from .config import SETTING, ClusterConfig
from .frontier import Frontier
from .heartbeat import HeartbeatThread

logger = logging.getLogger(__name__)


class ClusterWorkerExtension:
    def __init__(self, crawler: Crawler, config: ClusterConfig) -> None:
        self.crawler = crawler
        self.config = config
        self.frontier: Frontier = ClusterConfig.frontier_of(crawler)
        self._quiet_since: float | None = None
        self._loop: task.LoopingCall | None = None
        self.heartbeat = HeartbeatThread(self.frontier, config.tick, config.stall_limit)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterWorkerExtension:
        if crawler.settings.get(SETTING) is None:
            raise NotConfigured("not a cluster worker")
        return cls(crawler, ClusterConfig.of(crawler))

    def spider_opened(self) -> None:
        self.heartbeat.start()
        self._loop = task.LoopingCall(self.tick)
        self._loop.start(self.config.tick, now=False)

    def spider_closed(self) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        self.heartbeat.stop()

    def tick(self) -> None:
        self.heartbeat.reactor_alive()
        try:
            recovered = self.frontier.recover()
            if recovered:
                logger.warning("requeued %d requests of a worker that stopped answering",
                               recovered)
                self.crawler.stats.inc_value("thresher/cluster/recovered", recovered)
            self._wake_engine()
        except Exception:  # Redis away for a moment: try again next tick, keep crawling
            logger.exception("cluster tick failed")

    def spider_idle(self) -> None:
        try:
            quiet = self.frontier.state().quiet
        except Exception:
            logger.exception("cannot read the frontier; staying open")
            quiet = False
        now = time.monotonic()
        if not quiet:
            self._quiet_since = None
            raise DontCloseSpider("the shared frontier still has work")
        if self._quiet_since is None:
            self._quiet_since = now
        if now - self._quiet_since < self.config.idle_timeout:
            raise DontCloseSpider("waiting out the idle timeout")
        logger.info("frontier quiet for %.1f s: closing", now - self._quiet_since)

    def _wake_engine(self) -> None:
        """Ask the engine for its next requests now (cheap when it is busy: it backs out)."""
        slot = getattr(self.crawler.engine, "_slot", None)  # no public accessor in Scrapy
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()
