"""The replay middleware on its own: what it answers for each kind of saved case."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.middlewares.replay import (
    REPLAY_FLAG,
    NotInRecording,
    OfflineDownloadHandler,
    ReplayMiddleware,
    UnreadableRecording,
)
from crawler.recording import FETCHED_AT_META_KEY, save_response

SITE = "http://gazette.example"


def _save(into: Path, url: str, *, final_url: str | None = None, status: int = 200,
          body: bytes = b"<html><body><p>story</p></body></html>",
          headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html"),)) -> Path:
    return save_response(into, url=url, final_url=final_url or url, status=status,
                         headers=headers, body=body, fetched_at="2024-05-01T10:00:00Z")


def _middleware(recording: Path) -> ReplayMiddleware:
    return ReplayMiddleware.from_crawler(
        get_crawler(settings_dict={"THRESHER_REPLAY_DIR": str(recording)}))


def test_a_saved_page_comes_back_as_the_response_a_fetch_would_give(tmp_path):
    _save(tmp_path, f"{SITE}/a.html")
    request = Request(f"{SITE}/a.html")
    response = _middleware(tmp_path).process_request(request)
    assert isinstance(response, HtmlResponse)
    assert (response.url, response.status) == (f"{SITE}/a.html", 200)
    assert response.body == b"<html><body><p>story</p></body></html>"
    assert response.headers["Content-Type"] == b"text/html"
    assert REPLAY_FLAG in response.flags
    assert request.meta[FETCHED_AT_META_KEY] == "2024-05-01T10:00:00Z"  # not the clock


def test_a_url_not_in_the_recording_is_refused_with_a_reason(tmp_path):
    _save(tmp_path, f"{SITE}/a.html")
    with pytest.raises(NotInRecording) as refused:
        _middleware(tmp_path).process_request(Request(f"{SITE}/b.html"))
    assert refused.value.reason == "not_in_recording"
    assert f"{SITE}/b.html" in str(refused.value)


def test_a_redirected_recording_replays_the_redirect_then_serves_its_target(tmp_path):
    _save(tmp_path, f"{SITE}/old.html", final_url=f"{SITE}/new.html")
    middleware = _middleware(tmp_path)
    hop = middleware.process_request(Request(f"{SITE}/old.html"))
    assert (hop.status, hop.headers["Location"]) == (301, f"{SITE}/new.html".encode())
    target = middleware.process_request(Request(f"{SITE}/new.html"))
    assert (target.status, target.url) == (200, f"{SITE}/new.html")


def test_a_redirect_whose_target_was_never_fetched_has_no_page_to_give(tmp_path):
    _save(tmp_path, f"{SITE}/old.html", final_url=f"{SITE}/new.html", status=301, body=b"",
          headers=(("Location", f"{SITE}/new.html"),))
    middleware = _middleware(tmp_path)
    assert middleware.process_request(Request(f"{SITE}/old.html")).status == 301
    with pytest.raises(NotInRecording):
        middleware.process_request(Request(f"{SITE}/new.html"))


def test_a_recorded_not_modified_is_replayed_as_is(tmp_path):
    _save(tmp_path, f"{SITE}/a.html", status=304, body=b"", headers=())
    assert _middleware(tmp_path).process_request(Request(f"{SITE}/a.html")).status == 304


def test_an_unreadable_case_is_refused_naming_it(tmp_path):
    case = _save(tmp_path, f"{SITE}/a.html")
    (case / "input.html").unlink()
    with pytest.raises(UnreadableRecording, match=case.name):
        _middleware(tmp_path).process_request(Request(f"{SITE}/a.html"))


def test_replay_is_off_without_a_folder():
    with pytest.raises(NotConfigured):
        ReplayMiddleware.from_crawler(get_crawler())


def test_the_offline_download_handler_never_downloads():
    handler = OfflineDownloadHandler(get_crawler())
    with pytest.raises(NotInRecording):
        asyncio.run(handler.download_request(Request(f"{SITE}/a.html")))


def test_page_items_take_the_fetch_time_of_their_response():
    from scrapy.http import HtmlResponse as Page

    from crawler.items import PageItem
    from crawler.middlewares.fetch_time import FetchTimeMiddleware

    request = Request(f"{SITE}/a.html", meta={FETCHED_AT_META_KEY: "2024-05-01T10:00:00Z"})
    response = Page(f"{SITE}/a.html", body=b"<p>x</p>", request=request)
    item = PageItem(url=request.url, final_url=request.url, body=b"<p>x</p>",
                    content_type="text/html", status=200, source="s",
                    fetched_at="2030-01-01T00:00:00Z", fingerprint="f")
    middleware = FetchTimeMiddleware(get_crawler())
    [out] = list(middleware.process_spider_output(response, [item]))
    assert out.fetched_at == "2024-05-01T10:00:00Z"
    assert out.url == item.url and out.body == item.body
    unstamped = Page(f"{SITE}/b.html", body=b"", request=Request(f"{SITE}/b.html"))
    assert list(middleware.process_spider_output(unstamped, [item])) == [item]
