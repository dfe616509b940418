"""Downloader middleware: Scrapy's retries, with exponential backoff and ``Retry-After``.

Scrapy retries at once; a struggling server deserves a pause. The retry request is held back
``RETRY_BACKOFF_BASE * 2**(attempt-1)`` seconds (capped by ``RETRY_BACKOFF_MAX``, and at least
the server's ``Retry-After`` when it sends one, within the same cap) without blocking the
reactor: only this request waits.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    async def process_response(self, request: Request,  # type: ignore[override]
                               response: Response) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._pause(result, _retry_after(response))
        return result

    async def process_exception(self, request: Request,  # type: ignore[override]
                                exception: Exception) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._pause(result, None)
        return result

    def backoff_delay(self, attempt: int, retry_after: float | None) -> float:
        delay = self.backoff_base * (2 ** max(0, attempt - 1))
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, self.backoff_max)

    async def _pause(self, retry: Request, retry_after: float | None) -> None:
        from twisted.internet import reactor

        delay = self.backoff_delay(retry.meta.get("retry_times", 1), retry_after)
        if delay > 0:
            self.crawler.stats.inc_value("retry/backoff_seconds", delay)
            await maybe_deferred_to_future(deferLater(reactor, delay))


def _retry_after(response: Response) -> float | None:
    value = response.headers.get(b"Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value.decode("latin-1").strip()))
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff
