"""Requests go on the shared queue as JSON, bytes and bytes-keyed dicts included."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.utils.request import request_from_dict

from crawler.cluster import serializer
from crawler.cluster.spider import ClusterSpider


def test_a_request_survives_the_round_trip() -> None:
    spider = ClusterSpider()
    request = Request("http://example.com/a?b=1", callback=spider.parse_page,
                      errback=spider.on_error, method="POST", body=b"\x00\xffdata",
                      headers={"If-None-Match": '"etag"'}, priority=3,
                      meta={"thresher": {"kind": "page", "depth": 2, "fp": "ab12"},
                            "redirect_urls": ["http://example.com/x"], "$odd": 1})
    data = serializer.dumps(request.to_dict(spider=spider))
    assert data.startswith(b"{")  # JSON, never pickle
    again = request_from_dict(serializer.loads(data), spider=spider)
    assert (again.url, again.method, again.body, again.priority) == \
        (request.url, request.method, request.body, request.priority)
    assert again.headers.get(b"If-None-Match") == b'"etag"'
    assert again.meta == request.meta
    assert again.callback == spider.parse_page and again.errback == spider.on_error


def test_what_json_cannot_hold_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match=r"http://example.com/.*set"):
        serializer.dumps({"url": "http://example.com/", "meta": {"x": {1, 2}}})
