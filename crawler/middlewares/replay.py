"""Answer every request from a saved recording: offline, deterministic.

Sits just after RobotsTxtMiddleware (so robots rules from the recording still apply) and
before everything that could reach the network. A URL the recording lacks raises
:class:`NotInRecording` (an IgnoreRequest, so it reaches the request's errback and becomes an
errors entry); nothing is ever downloaded. The fetch time comes from the saved meta.json,
never the clock, so replaying one recording twice gives the same records.

As a second lock, replay mode also swaps the http/https download handlers for
:class:`OfflineDownloadHandler`, which refuses anything that slipped past the middleware.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from ..recording import (
    FETCHED_AT_META_KEY,
    RecordingError,
    RecordingIndex,
    SavedResponse,
    lookup_key,
    read_saved,
)

REPLAY_DIR_SETTING = "THRESHER_REPLAY_DIR"
# After RobotsTxtMiddleware (100), before auth, timeouts, retries, redirects and the rest.
REPLAY_MIDDLEWARE_ORDER = 120
REPLAY_FLAG = "replayed"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

logger = logging.getLogger(__name__)


class NotInRecording(IgnoreRequest):
    """The recording has no response for this URL; the request was not sent."""

    reason = "not_in_recording"

    def __init__(self, url: str) -> None:
        super().__init__(f"not_in_recording: {url}")
        self.url = url


class UnreadableRecording(IgnoreRequest):
    """The recording has a case for this URL but it cannot be read."""

    reason = "recording_unreadable"

    def __init__(self, error: RecordingError) -> None:
        super().__init__(f"recording_unreadable: {error}")


class ReplayMiddleware:
    def __init__(self, root: Path, crawler: Crawler) -> None:
        self.root = root
        self.stats = crawler.stats
        self.index = RecordingIndex.load(root)
        for bad in self.index.bad_cases:
            # Visible in stats and the log; the crawl goes on without that case.
            self.stats.inc_value("replay/bad_case")
            logger.warning("replay: skipping %s", bad)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayMiddleware:
        root = crawler.settings.get(REPLAY_DIR_SETTING)
        if not root:
            raise NotConfigured("replay is off")
        return cls(Path(root), crawler)

    def process_request(self, request: Request) -> Response:
        case = self.index.find(request.url)
        if case is None:
            self.stats.inc_value("replay/not_in_recording")
            raise NotInRecording(request.url)
        try:
            saved = read_saved(case)
        except RecordingError as exc:
            self.stats.inc_value("replay/unreadable")
            raise UnreadableRecording(exc) from exc
        self.stats.inc_value("replay/hit")
        request.meta[FETCHED_AT_META_KEY] = saved.fetched_at
        if lookup_key(saved.final_url) != lookup_key(request.url):
            # The recording was redirected: replay the hop, so RedirectMiddleware, the
            # duplicate filter and the spider see what they saw live; the target is then
            # answered from the same case (the index knows final URLs too).
            return redirect_response(saved.final_url, request)
        if saved.status in _REDIRECTS and lookup_key(saved.url) != lookup_key(request.url):
            # Found through its redirect target, but only the redirect itself was recorded.
            self.stats.inc_value("replay/not_in_recording")
            raise NotInRecording(request.url)
        return build_response(saved, request)


def build_response(saved: SavedResponse, request: Request) -> Response:
    """The Scrapy response a live fetch would have given (same class, URL, status, headers)."""
    headers = Headers(list(saved.headers))
    response_class = responsetypes.from_args(headers=headers, url=saved.final_url,
                                             body=saved.body)
    return response_class(url=saved.final_url, status=saved.status, headers=headers,
                          body=saved.body, request=request, flags=[REPLAY_FLAG])


def redirect_response(location: str, request: Request) -> Response:
    headers = Headers({"Location": location, "Content-Type": "text/html"})
    return Response(url=request.url, status=301, headers=headers, body=b"", request=request,
                    flags=[REPLAY_FLAG])


class OfflineDownloadHandler(BaseDownloadHandler):
    """Download handler for replay mode: refuses every request instead of opening a socket."""

    async def download_request(self, request: Request) -> Response:
        raise NotInRecording(request.url)
