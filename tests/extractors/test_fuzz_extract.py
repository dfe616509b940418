"""Property: whatever bytes come in, ``extract`` returns an Article with text or raises a
typed ExtractionError. Never another exception, never an empty record."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import Article, ExtractionError, ExtractOptions, extract

_PARAGRAPH = ("<p>The council approved the new budget on Tuesday after a long debate about "
              "schools, roads and the harbour, and the mayor said the vote was a relief.</p>")
_SEED_PAGES = (
    ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Budget passes,NBC News"
     "</title></head><body><h1>Budget passes</h1><div class='info'>Published on 2023-06-04 "
     "15:52:03 source:NBC News</div><div class='content'>" + _PARAGRAPH * 4 + "<ul><li>one</li>"
     "<li>two</li></ul></div><div class='footer'>Copyright © 2016 Powered by x sitemap</div>"
     "</body></html>").encode("utf-8"),
    ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
     "<title>预算通过_新闻网</title></head><body><h1>预算通过</h1><p>发布时间：2023-06-04 15:52 "
     "来源：新华社</p>"
     + "<p>市议会周二经过长时间辩论后批准了新的预算，市长表示投票结果令人欣慰。</p>" * 5
     + "</body></html>").encode("gb18030"),
    ("<html><body><article><h1>Haushalt</h1><p>Veröffentlicht am 04.06.2023 Quelle: dpa</p>"
     + "<p>Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt beschlossen.</p>" * 5
     + "</article></body></html>").encode("utf-16"),
)
_FUZZ_SETTINGS = settings(max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])


def _check(raw: bytes, options: ExtractOptions | None = None) -> None:
    try:
        article = extract(raw, "https://example.com/fuzz/1.html", options=options)
    except ExtractionError as error:
        assert error.reason and str(error)
        return
    assert isinstance(article, Article)
    assert article.text.strip(), "an Article must never come back with empty text"
    assert article.word_count > 0


@_FUZZ_SETTINGS
@given(st.binary(max_size=4096))
def test_random_bytes_give_an_article_or_a_typed_error(raw: bytes) -> None:
    _check(raw)


@st.composite
def _mutated_page(draw: st.DrawFn) -> bytes:
    page = bytearray(draw(st.sampled_from(_SEED_PAGES)))
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        kind = draw(st.sampled_from(("flip", "insert", "delete", "truncate", "duplicate")))
        at = draw(st.integers(min_value=0, max_value=max(0, len(page) - 1)))
        if kind == "flip" and page:
            page[at] = draw(st.integers(min_value=0, max_value=255))
        elif kind == "insert":
            page[at:at] = draw(st.sampled_from(
                (b"<", b">", b"</div>", b"<div>" * 50, b"\x00", b"\xff\xfe", b"<!--", b"&#0;",
                 b"<script>", b"<?xml version='1.0' encoding='utf-16'?>", b"\xe2\x80",
                 b"<meta charset='utf-16'>", b"source:", b"\r\n" * 20)))
        elif kind == "delete":
            del page[at: at + draw(st.integers(min_value=1, max_value=200))]
        elif kind == "truncate":
            del page[at:]
        else:
            page[at:at] = page[at: at + 300]
    return bytes(page)


@_FUZZ_SETTINGS
@given(_mutated_page())
def test_mutated_pages_give_an_article_or_a_typed_error(raw: bytes) -> None:
    _check(raw)


@_FUZZ_SETTINGS
@given(st.text(max_size=3000), st.sampled_from((None, "utf-8", "gbk", "utf-16", "latin-1",
                                                "no-such-charset")))
def test_random_text_with_any_declared_charset(text: str, charset: str | None) -> None:
    markup = f"<html><head><title>{text[:50]}</title></head><body><p>{text}</p></body></html>"
    _check(markup.encode("utf-8", errors="surrogatepass"), ExtractOptions(http_charset=charset))


@_FUZZ_SETTINGS
@given(st.one_of(st.none(), st.text(max_size=80),
                 st.builds(lambda host, path: f"https://{host}/{path}",
                           st.text(max_size=20), st.text(max_size=40))))
def test_any_url_gives_an_article_or_a_typed_error(url: str | None) -> None:
    page = _SEED_PAGES[0]
    try:
        article = extract(page, url)
    except ExtractionError as error:
        assert error.reason
        return
    assert article.text.strip() and article.url == url
