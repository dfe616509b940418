"""Article or listing: URL shapes, and link density of the page itself."""

from __future__ import annotations

import re

import pytest

from crawler.page_kind import is_listing, link_stats, url_looks_like_listing


@pytest.mark.parametrize("url", [
    "https://a.example/", "https://a.example/tag/politics/", "https://a.example/page/3/",
    "https://a.example/category/world", "https://a.example/news?page=2",
    "https://a.example/author/jane/",
])
def test_navigation_urls_are_listings(url: str) -> None:
    assert url_looks_like_listing(url)


@pytest.mark.parametrize("url", [
    "https://a.example/2024/03/01/council-budget.html", "https://a.example/news/123.html",
    "https://a.example/story?id=5",
])
def test_story_urls_are_not(url: str) -> None:
    assert not url_looks_like_listing(url)


def test_configured_shapes_win() -> None:
    article = (re.compile(r"/\d{4}/"),)
    assert url_looks_like_listing("https://a.example/about.html", article_patterns=article)
    assert not url_looks_like_listing("https://a.example/2024/x", article_patterns=article)
    listing = (re.compile(r"/digest/"),)
    assert url_looks_like_listing("https://a.example/digest/2024/x", listing, article)


def _page(links: int, words_outside: int) -> bytes:
    anchors = "".join(f'<li><a href="/n/{i}">Story headline number {i}</a></li>'
                      for i in range(links))
    text = " ".join(["word"] * words_outside)
    return f"<html><body><ul>{anchors}</ul><p>{text}</p></body></html>".encode()


def test_link_dense_pages_are_listings_and_articles_are_not() -> None:
    listing = link_stats(_page(links=20, words_outside=20))
    assert listing.links == 20 and listing.link_text_ratio > 0.5
    assert is_listing(listing, body_words=30)
    assert is_listing(listing, body_words=None)
    article = link_stats(_page(links=12, words_outside=400))
    assert not is_listing(article, body_words=120)
    assert not is_listing(listing, body_words=400)  # a long body is an article anyway
