"""Download handler: an idle-time and a total-time limit on every response, body included.

Scrapy's ``DOWNLOAD_TIMEOUT`` bounds a whole download, but one value cannot serve both a
large page on a slow link and a server that sends its headers and then goes silent: set it
low and honest slow pages fail, set it high and every stall costs minutes. So:

* ``THRESHER_IDLE_TIMEOUT``: seconds without a single byte (before the headers or between
  body chunks) -> ``idle_timeout``;
* ``THRESHER_TOTAL_TIMEOUT``: seconds for the whole response, however steadily it drips ->
  ``total_timeout``.

Both end the page at once (a :class:`FetchRefused`, never retried: a server that stalls once
usually stalls again, and retries would multiply the cost). A source's own ``idle_timeout`` /
``total_timeout`` in sources.toml replace the settings for its crawl (:mod:`.limits`); per
request, the meta keys of the same names override both; 0 turns a limit off.
``DOWNLOAD_TIMEOUT`` stays as the backstop for anything these do not cover.

Activity comes from Scrapy's ``headers_received`` and ``bytes_received`` signals; the
watchdog cancels the download, which aborts the connection.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from scrapy import Request, signals
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import CancelledError, Deferred
from twisted.internet.task import LoopingCall

from .limits import time_limits
from .refusals import FetchRefused

IDLE, TOTAL = "idle_timeout", "total_timeout"
CHECK_EVERY = 0.25  # seconds between watchdog looks at one download
LAG_TOLERANCE = 0.5  # a look this much later than planned: the reactor was busy elsewhere


@dataclass
class _Watch:
    idle: float
    total: float
    started: float = field(default_factory=time.monotonic)
    last_byte: float = field(default_factory=time.monotonic)
    last_look: float = field(default_factory=time.monotonic)
    fired: str = ""  # IDLE or TOTAL once the watchdog cancelled the download

    def look(self, now: float) -> str:
        """The verdict at ``now``, not counting time the reactor thread was blocked.

        While the reactor runs something long (parsing a big sitemap, a slow pipeline) no
        download can read its bytes either; charging that time to the server would turn a
        busy crawler into false timeouts. A look that comes late by more than
        ``LAG_TOLERANCE`` moves both clocks by the lag.
        """
        lag = now - self.last_look - CHECK_EVERY
        if lag > LAG_TOLERANCE:
            self.started += lag
            self.last_byte += lag
        self.last_look = now
        return self.verdict(now)

    def verdict(self, now: float) -> str:
        if self.total and now - self.started >= self.total:
            return TOTAL
        if self.idle and now - self.last_byte >= self.idle:
            return IDLE
        return ""


class TimedDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler with the idle and total limits around each download."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        limits = time_limits(crawler)
        self.idle = limits.idle
        self.total = limits.total
        self._watches: dict[Request, _Watch] = {}
        self._stats = crawler.stats
        crawler.signals.connect(self._activity, signal=signals.headers_received)
        crawler.signals.connect(self._activity, signal=signals.bytes_received)

    def _activity(self, request: Request, **kwargs: object) -> None:
        watch = self._watches.get(request)
        if watch is not None:
            watch.last_byte = time.monotonic()

    async def download_request(self, request: Request) -> Response:
        watch = _Watch(float(request.meta.get(IDLE, self.idle)),
                       float(request.meta.get(TOTAL, self.total)))
        if not (watch.idle or watch.total):
            return await super().download_request(request)
        download = deferred_from_coro(super().download_request(request))
        self._watches[request] = watch
        checker = LoopingCall(self._look, watch, download)
        checker.start(CHECK_EVERY, now=False)
        try:
            return await maybe_deferred_to_future(download)
        except (Exception, CancelledError, asyncio.CancelledError) as exc:
            if watch.fired:
                raise self._refusal(request, watch) from exc
            raise
        finally:
            if checker.running:
                checker.stop()
            self._watches.pop(request, None)

    @staticmethod
    def _look(watch: _Watch, download: Deferred[Response]) -> None:
        verdict = watch.look(time.monotonic())
        if verdict and not download.called and not watch.fired:
            watch.fired = verdict
            download.cancel()  # aborts the connection (Scrapy's own cancel path)

    def _refusal(self, request: Request, watch: _Watch) -> FetchRefused:
        self._stats.inc_value(f"thresher/timeouts/{watch.fired}")
        if watch.fired == IDLE:
            return FetchRefused(IDLE, f"no bytes for {watch.idle:g} s from {request.url}")
        return FetchRefused(TOTAL, f"{request.url} still arriving after {watch.total:g} s")
