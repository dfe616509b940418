"""Downloader middleware: crawler traps are cut off per source and reported, never followed.

A trap is a site that answers every URL with a page linking to yet another URL: endless
pagination, calendars, session tokens in paths, folders nested without end. Four bounds,
checked on each page request before it goes out (each refused page is an errors entry with
stage ``guard`` and its reason, and counted in ``thresher/traps/<reason>``):

* ``trap_url_shape``: URL longer than ``THRESHER_TRAP_MAX_URL``, more than
  ``THRESHER_TRAP_MAX_SEGMENTS`` path segments, or one segment repeated 3+ times;
* ``trap_pagination``: a page number (``?page=``, ``?p=``, ``/page/N``) beyond
  ``THRESHER_TRAP_MAX_PAGE`` (sitemaps and feeds find the articles of deep archives);
* ``trap_calendar``: a date more than a year ahead (articles are never from the future);
* ``trap_chain``: a URL *shape* (digits and tokens masked, query values dropped) reached at
  more than ``THRESHER_TRAP_MAX_CHAIN`` different link depths: each page of the shape links
  to the next, which is what every trap does, whatever its parameter names.

The limits are the source's own (``trap_max_*`` in sources.toml) or the settings
(:mod:`.limits`). Trap state lives in the middleware (one per crawl, so per source): the link
depths seen per URL shape, for the ``THRESHER_TRAP_SHAPES`` shapes used last (an LRU, so a
20,000-page crawl of slug URLs keeps a bounded table; a trap's shape is used on every one of
its pages and stays). Session ids in query strings never get this far:
:mod:`crawler.middlewares.canonical` strips them.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler

from .limits import TrapLimits, trap_limits
from .refusals import SPIDER_META, FetchRefused, request_kind

__all__ = ["TrapLimits", "TrapMiddleware", "static_trap", "url_shape"]
SHAPES_KEPT = 10_000  # URL shapes whose link depths are remembered (least recently used go)

_PAGE_PARAMS = frozenset(("page", "p", "pg", "paged", "pagenum", "page_no", "pageno"))
_PAGE_PATH = re.compile(r"/page/(\d+)(?:/|$)", re.IGNORECASE)
# A date, not any four digits (article ids are numbers too): a year followed by a month as
# path segments or as YYYY-MM(-DD), or the value of a year/date/month query parameter.
_PATH_DATE = re.compile(r"(?<![\d-])((?:19|2\d)\d\d)(?:/|-)(?:0?[1-9]|1[0-2])(?![\d])")
_DATE_PARAMS = frozenset(("year", "y", "date", "month", "day", "from", "to", "start", "end"))
_YEAR = re.compile(r"(?<!\d)((?:19|2\d)\d\d)(?!\d)")
# A path segment that is an id, a hash or a session token: hex, or letters mixed with digits.
_TOKEN = re.compile(r"[0-9a-fA-F]{6,}|(?=.*\d)[0-9A-Za-z_-]{6,}")
_DIGITS = re.compile(r"\d+")


def url_shape(url: str) -> str:
    """Host, path with ids and numbers masked, and the sorted query names (not values)."""
    parts = urlsplit(url)
    path = "/".join("x" if _TOKEN.fullmatch(s) else _DIGITS.sub("9", s)
                    for s in parts.path.split("/"))
    names = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return f"{parts.netloc}{path}?{'&'.join(names)}"


def static_trap(url: str, limits: TrapLimits, this_year: int) -> tuple[str, str] | None:
    """(reason, message) when the URL alone shows a trap, else None."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if len(url) > limits.max_url:
        return "trap_url_shape", f"URL of {len(url)} characters (limit {limits.max_url})"
    if len(segments) > limits.max_segments:
        return "trap_url_shape", f"{len(segments)} path segments (limit {limits.max_segments})"
    repeated = [s for s in set(segments) if segments.count(s) >= 3]
    if repeated:
        return "trap_url_shape", f"path segment {repeated[0]!r} repeated"
    page = _page_number(parts.path, parts.query)
    if page is not None and page > limits.max_page:
        return "trap_pagination", f"page {page} (limit {limits.max_page})"
    future = [y for y in _calendar_years(parts.path, parts.query)
              if y > this_year + limits.future_years]
    if future:
        return "trap_calendar", f"date in {future[0]}, over a year ahead"
    return None


def _calendar_years(path: str, query: str) -> list[int]:
    years = [int(y) for y in _PATH_DATE.findall(path)]
    for key, value in parse_qsl(query):
        if key.lower() in _DATE_PARAMS:
            years += [int(y) for y in _YEAR.findall(value)]
    return years


def _page_number(path: str, query: str) -> int | None:
    numbers = [int(v) for k, v in parse_qsl(query) if k.lower() in _PAGE_PARAMS and v.isdigit()]
    numbers += [int(m) for m in _PAGE_PATH.findall(path)]
    return max(numbers) if numbers else None


class TrapMiddleware:
    def __init__(self, crawler: Crawler, limits: TrapLimits,
                 shapes_kept: int = SHAPES_KEPT) -> None:
        self.stats = crawler.stats
        self.limits = limits
        self.this_year = datetime.now(UTC).year
        self.shapes_kept = max(1, shapes_kept)
        self.depths_by_shape: OrderedDict[str, set[int]] = OrderedDict()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TrapMiddleware:
        return cls(crawler, trap_limits(crawler),
                   crawler.settings.getint("THRESHER_TRAP_SHAPES", SHAPES_KEPT))

    def process_request(self, request: Request) -> None:
        if request_kind(request.meta) != "page" or request.meta.get("redirect_urls"):
            return  # discovery documents and redirect hops are not links
        found = static_trap(request.url, self.limits, self.this_year)
        if found is None:
            found = self._chain(request)
        if found is not None:
            reason, message = found
            self.stats.inc_value(f"thresher/traps/{reason}")
            raise FetchRefused(reason, f"{message}: {request.url}", stage="guard")

    def _chain(self, request: Request) -> tuple[str, str] | None:
        depth = int(request.meta[SPIDER_META].get("depth") or 0)
        depths = self._depths(url_shape(request.url))
        if depth in depths:
            return None
        if len(depths) >= self.limits.max_chain:
            return "trap_chain", (f"URLs shaped {url_shape(request.url)} at "
                                  f"{len(depths) + 1} link depths (limit {self.limits.max_chain})")
        depths.add(depth)
        return None

    def _depths(self, shape: str) -> set[int]:
        """The depths seen for ``shape``, now the most recently used; the oldest shape goes
        when the table is full."""
        depths = self.depths_by_shape.get(shape)
        if depths is None:
            depths = self.depths_by_shape[shape] = set()
            if len(self.depths_by_shape) > self.shapes_kept:
                self.depths_by_shape.popitem(last=False)
        else:
            self.depths_by_shape.move_to_end(shape)
        return depths
