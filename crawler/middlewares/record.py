"""Save every response a crawl receives into a recording folder (the fixture layout).

Sits at the same place as the replay middleware, so it sees what replay will later serve:
the final response after redirects, retries and transport decoding, keyed by the URL first
asked for. It stamps the fetch time into ``request.meta`` before writing it to meta.json, so
the live crawl's records and a later replay's records carry the same ``fetched_at``.
"""

from __future__ import annotations

from pathlib import Path

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response

from ..recording import FETCHED_AT_META_KEY, save_response, utc_now_iso
from .replay import REPLAY_FLAG

RECORD_DIR_SETTING = "THRESHER_RECORD_DIR"
RECORD_MIDDLEWARE_ORDER = 120  # same place as replay: see crawler/middlewares/replay.py
REDIRECT_HOP_RECORD_ORDER = 610  # its responses pass just before RedirectMiddleware (600)
# `thresher record` fills a fixture folder with pages only; a crawl recording keeps
# robots.txt so that its replay obeys the same rules.
SKIP_ROBOTS_SETTING = "THRESHER_RECORD_SKIP_ROBOTS"


class RecordMiddleware:
    def __init__(self, into: Path, crawler: Crawler) -> None:
        self.into = into
        self.stats = crawler.stats
        self.skip_robots = crawler.settings.getbool(SKIP_ROBOTS_SETTING)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RecordMiddleware:
        into = crawler.settings.get(RECORD_DIR_SETTING)
        if not into:
            raise NotConfigured("recording is off")
        return cls(Path(into), crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if REPLAY_FLAG in response.flags:
            return response  # already a recording
        if self.skip_robots and _is_robots_fetch(request):
            return response
        fetched_at = request.meta.setdefault(FETCHED_AT_META_KEY, utc_now_iso())
        save_response(
            self.into,
            url=first_url_asked(request),
            final_url=response.url,
            status=response.status,
            headers=header_pairs(response.headers),
            body=response.body,
            fetched_at=fetched_at,
        )
        self.stats.inc_value("record/saved")
        return response


class RedirectHopRecordMiddleware:
    """Save each redirect as it is served, before RedirectMiddleware (600) follows it.

    Needed for a faithful replay: when the target of a redirect is already crawled, Scrapy's
    duplicate filter drops it and no final response ever reaches RecordMiddleware, yet the
    replay must still redirect (and be dropped the same way). When the final response does
    arrive, RecordMiddleware replaces this case with it (same asked-for URL, same case).
    """

    def __init__(self, into: Path, crawler: Crawler) -> None:
        self.into = into
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectHopRecordMiddleware:
        into = crawler.settings.get(RECORD_DIR_SETTING)
        if not into:
            raise NotConfigured("recording is off")
        return cls(Path(into), crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if REPLAY_FLAG in response.flags or not 300 <= response.status < 400 or not location:
            return response
        save_response(
            self.into,
            url=request.url,
            final_url=response.urljoin(location.decode("latin-1")),
            status=response.status,
            headers=header_pairs(response.headers),
            body=response.body,
            fetched_at=request.meta.setdefault(FETCHED_AT_META_KEY, utc_now_iso()),
        )
        self.stats.inc_value("record/redirects_saved")
        return response


def first_url_asked(request: Request) -> str:
    """The URL before any redirect (RedirectMiddleware keeps the chain in meta)."""
    chain = request.meta.get("redirect_urls") or ()
    return chain[0] if chain else request.url


def header_pairs(headers: Headers) -> list[tuple[str, str]]:
    """Scrapy's bytes headers as (name, value) strings; repeated values joined by ", "."""
    pairs = []
    for name, values in headers.items():
        text_values = [v.decode("latin-1") for v in values]
        pairs.append((name.decode("latin-1"), ", ".join(text_values)))
    return pairs


def _is_robots_fetch(request: Request) -> bool:
    return bool(request.meta.get("dont_obey_robotstxt")) and request.url.endswith("/robots.txt")
