"""Spider middleware: a page's ``fetched_at`` is the time its response was fetched.

Replay puts the recorded fetch time in ``request.meta`` (and record / WARC put the live one
there, the same time they write down); this copies it into every ``PageItem`` the response
gives. Without it a replayed record would carry the time of the replay, and two replays of
one recording would differ. Off unless replay, record or WARC archiving is on.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from ..items import PageItem
from ..recording import FETCHED_AT_META_KEY

FETCH_TIME_MIDDLEWARE_ORDER = 950  # next to the spider: sees its output first


class FetchTimeMiddleware(BaseSpiderMiddleware):
    def get_processed_item(self, item: Any, response: Response | None) -> Any:
        if response is None or not isinstance(item, PageItem):
            return item
        fetched_at = response.meta.get(FETCHED_AT_META_KEY)
        if not fetched_at or fetched_at == item.fetched_at:
            return item
        return replace(item, fetched_at=fetched_at)
