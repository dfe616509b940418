"""The one exception type Thresher's own fetch-stage components raise for a page they end.

A :class:`FetchRefused` carries its errors-output ``stage`` and ``reason`` slug, so the
spider's failure classifier (:mod:`crawler.spiders.failures`) writes them as they are instead
of guessing from the exception's type. It is an ``IgnoreRequest``: Scrapy hands it to the
request's errback from any downloader middleware or download handler, and never retries it.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest


class FetchRefused(IgnoreRequest):
    def __init__(self, reason: str, message: str, stage: str = "fetch") -> None:
        super().__init__(message)
        self.reason = reason
        self.stage = stage


SPIDER_META = "thresher"  # the spider's request.meta key: {"kind": "page" | "sitemap" | "feed"}


def request_kind(meta: dict[str, object]) -> str:
    """``page``, ``sitemap`` or ``feed`` for the spider's requests; "" for others (robots)."""
    info = meta.get(SPIDER_META)
    return str(info.get("kind", "")) if isinstance(info, dict) else ""
