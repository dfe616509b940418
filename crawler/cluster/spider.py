"""The cluster worker's spider: Thresher's generic spider, fed by the shared queue.

* ``start()`` yields nothing: ``thresher cluster seed`` put the source's sitemaps, feeds and
  start URLs on the shared queue once, for all workers.
* A popped request is acknowledged (:mod:`.frontier`) only when its outcome is written. So
  each callback hands its output to the engine itself and waits for it: requests go to the
  shared queue at once (``engine.crawl``) and the page's item goes through the pipelines
  (``scraper.start_itemproc_async``) before the callback returns. Were they yielded, Scrapy
  would process them after the callback has returned, and a kill in between would lose
  them. The cost: the callback's requests skip the spider-middleware output chain (the
  spider does its own depth and URL filtering; no Referer header is added).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy import Request
from scrapy.http import Response
from twisted.python.failure import Failure

from ..spiders.thresher import ThresherSpider
from .config import ClusterConfig
from .queue import TOKEN


class ClusterSpider(ThresherSpider):
    name = "thresher-cluster"

    async def start(self) -> AsyncIterator[Request]:
        return
        yield  # an async generator that yields nothing

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:  # type: ignore[override]
        await self._complete(response.request, super().parse_page(response), response)
        return
        yield

    async def parse_sitemap(self, response: Response) -> AsyncIterator[Any]:  # type: ignore[override]
        await self._complete(response.request, super().parse_sitemap(response), response)
        return
        yield

    async def parse_feed(self, response: Response) -> AsyncIterator[Any]:  # type: ignore[override]
        await self._complete(response.request, super().parse_feed(response), response)
        return
        yield

    def on_dropped(self, request: Request) -> None:
        """The shared seen-set refused a request. A redirect to a page already crawled is a
        duplicate page, as in one process; a plain link to a page another worker (or the
        seed) already queued is not a page of this worker at all: counted apart."""
        if request.meta.get("redirect_urls"):
            super().on_dropped(request)
        else:
            self.crawler.stats.inc_value("thresher/cluster/seen_elsewhere")

    def on_error(self, failure: Failure) -> None:
        try:
            super().on_error(failure)
        finally:
            self._ack(failure.request)  # type: ignore[attr-defined]

    async def _complete(self, request: Request | None, outputs: Iterable[Any],
                        response: Response) -> None:
        try:
            for output in outputs:
                if isinstance(output, Request):
                    self.crawler.engine.crawl(output)
                elif output is not None:
                    await self.crawler.engine.scraper.start_itemproc_async(output,
                                                                          response=response)
        finally:
            self._ack(request)

    def _ack(self, request: Request | None) -> None:
        token = request.meta.get(TOKEN) if request is not None else None
        if token is not None:
            ClusterConfig.frontier_of(self.crawler).ack(token)
