"""`thresher record URL... --into DIR` against a real local server."""

from __future__ import annotations

import json
import re
from pathlib import Path

from crawler.recording import case_name, read_saved
from tests.support.server import SiteServer

from .crawl_runner import thresher


def test_record_saves_each_url_as_a_fixture_case(tmp_path: Path,
                                                 news_server: SiteServer) -> None:
    into = tmp_path / "fixtures" / "gazette"
    urls = [news_server.url("/news/1.html"), news_server.url("/moved/3.html")]
    result = thresher("record", *urls, "--into", str(into), "--allow-private")
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(p.name for p in into.iterdir()) == sorted(case_name(u) for u in urls)

    article = read_saved(into / case_name(urls[0]))
    assert article.body == news_server.pages["/news/1.html"].body  # bytes as served
    assert (article.url, article.final_url, article.status) == (urls[0], urls[0], 200)
    assert dict(article.headers)["Content-Type"] == "text/html; charset=utf-8"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", article.fetched_at)

    moved = json.loads((into / case_name(urls[1]) / "meta.json").read_text("utf-8"))
    assert moved["url"] == urls[1]
    assert moved["final_url"] == news_server.url("/news/3.html")
    assert (into / case_name(urls[1]) / "input.html").read_bytes() == \
        news_server.pages["/news/3.html"].body
    assert f"{urls[0]} -> {into / case_name(urls[0])}" in result.stdout


def test_an_http_error_is_reported_and_the_other_urls_still_saved(
        tmp_path: Path, news_server: SiteServer) -> None:
    into = tmp_path / "rec"
    good, broken = news_server.url("/news/2.html"), news_server.url("/broken.html")
    result = thresher("record", broken, good, "--into", str(into), "--allow-private")
    assert result.returncode == 1
    assert f"{broken}: http_404" in result.stderr
    assert read_saved(into / case_name(good)).status == 200
    assert read_saved(into / case_name(broken)).status == 404  # the page as served, kept


def test_private_addresses_are_refused_without_allow_private(
        tmp_path: Path, news_server: SiteServer) -> None:
    into = tmp_path / "rec"
    result = thresher("record", news_server.url("/news/1.html"), "--into", str(into))
    assert result.returncode == 1
    assert "loopback" in result.stderr
    assert news_server.hits.get("/news/1.html", 0) == 0
    assert not into.exists() or not any(into.iterdir())


def test_a_bad_url_is_named_and_nothing_is_fetched(tmp_path: Path) -> None:
    result = thresher("record", "ftp://example.invalid/x", "--into", str(tmp_path / "rec"))
    assert result.returncode == 1
    assert "ftp://example.invalid/x: bad_url" in result.stderr


def test_a_gzip_served_page_is_saved_decoded_without_its_transport_headers(
        tmp_path: Path) -> None:
    from tests.support.news_site import Page, article_html

    body = article_html(7).encode()
    page = Page(200, body, {"Content-Type": "text/html; charset=utf-8", "X-Gzip-Encode": "1"})
    with SiteServer(builder=lambda base: {"/g.html": page}) as server:
        into = tmp_path / "rec"
        result = thresher("record", server.url("/g.html"), "--into", str(into),
                          "--allow-private")
    assert result.returncode == 0, result.stderr[-2000:]
    case = into / case_name(server.url("/g.html"))
    assert (case / "input.html").read_bytes() == body
    headers = {k.lower() for k in json.loads((case / "meta.json").read_text("utf-8"))["headers"]}
    assert "content-encoding" not in headers and "content-length" not in headers
