"""scrapy-redis's scheduler, as a Thresher cluster worker needs it.

Two changes to ``scrapy_redis.scheduler.Scheduler``:

* the queue and seen-set always persist (``SCHEDULER_PERSIST`` is forced on): the first
  worker to finish must not delete the frontier under the others. ``thresher cluster seed``
  starts a run afresh instead.
* a request that carries an in-flight token (a retry or a redirect of a popped request) is
  queued as a new entry first, and only then is the token acknowledged, so a kill between
  the two loses nothing. A redirect to a page already seen is refused by the seen-set (the
  spider counts it as a duplicate) and acknowledged the same way.
On close, whatever this worker still had in flight goes back on the queue.

scrapy-redis 0.9.1 runs on Scrapy 2.19, with deprecation warnings: its ``enqueue_request``
and ``next_request`` pass ``spider=`` to the stats collector, which a future Scrapy will
refuse. Both are written out here without it (same logic); ``open`` still calls the
deprecated ``Spider.log`` once per crawl.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy_redis.scheduler import Scheduler

from .config import ClusterConfig
from .queue import TOKEN


class ClusterScheduler(Scheduler):
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClusterScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.persist = True
        scheduler.frontier = ClusterConfig.frontier_of(crawler)
        return scheduler

    def enqueue_request(self, request: Request) -> bool:
        token = request.meta.get(TOKEN)
        queued = request.dont_filter or not self.df.request_seen(request)
        if queued:
            self.stats.inc_value("scheduler/enqueued/redis")
            self.queue.push(request)
        else:
            self.df.log(request, self.spider)
        if token is not None:
            self.frontier.ack(token)
        return queued

    def next_request(self) -> Request | None:
        request = self.queue.pop()  # never blocks: the reactor thread must not wait
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def close(self, reason: str) -> None:
        self.frontier.release()
        super().close(reason)
