"""Dates: ISO 8601 with the time and zone the page gives, raw kept, never guessed."""

from __future__ import annotations

import pytest
from lxml import html

from extractors.dates import find_date
from extractors.metadata import extract_page_metadata


@pytest.mark.parametrize(("text", "iso", "raw"), [
    ("Published on 2023-06-04 15:52:03 source:NBC News", "2023-06-04T15:52:03",
     "2023-06-04 15:52:03"),
    ("2023-06-04T15:52:03+08:00", "2023-06-04T15:52:03+08:00", "2023-06-04T15:52:03+08:00"),
    ("2023-06-04T07:52:03.000Z", "2023-06-04T07:52:03+00:00", "2023-06-04T07:52:03.000Z"),
    ("2023-06-04", "2023-06-04", "2023-06-04"),
    ("Sun, 04 Jun 2023 15:52:03 GMT", "2023-06-04T15:52:03+00:00",
     "Sun, 04 Jun 2023 15:52:03 GMT"),
    ("发布时间：2023年06月04日 15:52 来源：新华社", "2023-06-04T15:52", "2023年06月04日 15:52"),
    ("2023年6月4日 下午3:52", "2023-06-04T15:52", "2023年6月4日 下午3:52"),
    ("Veröffentlicht am 04.06.2023, 15:52 Uhr", "2023-06-04T15:52", "04.06.2023, 15:52 Uhr"),
    ("4. Juni 2023 um 15:52 Uhr", "2023-06-04T15:52", "4. Juni 2023 um 15:52 Uhr"),
    ("Publicado el 4 de junio de 2023 a las 15:52 CEST", "2023-06-04T15:52+02:00",
     "4 de junio de 2023 a las 15:52 CEST"),
    ("Publié le lundi 4 juin 2023 à 15h52", "2023-06-04T15:52", "lundi 4 juin 2023 à 15h52"),
    ("June 4, 2023 3:52 PM", "2023-06-04T15:52", "June 4, 2023 3:52 PM"),
    ("2023-06-04 15:52 (UTC+8)", "2023-06-04T15:52+08:00", "2023-06-04 15:52 (UTC+8)"),
    ("fecha: 04-06-2023 15:52:03 -0300", "2023-06-04T15:52:03-03:00",
     "04-06-2023 15:52:03 -0300"),
    ("13/04/2023", "2023-04-13", "13/04/2023"),
])
def test_find_date(text: str, iso: str, raw: str) -> None:
    found = find_date(text)
    assert found is not None
    assert (found.iso, found.raw) == (iso, raw)
    assert text[found.start: found.end] == raw


def test_an_ambiguous_numeric_date_follows_the_order_asked_for() -> None:
    assert find_date("04/06/2023", "dmy").iso == "2023-06-04"
    assert find_date("04/06/2023", "mdy").iso == "2023-04-06"
    assert find_date("04.06.2023", "mdy").iso == "2023-06-04"  # dots: day first everywhere


@pytest.mark.parametrize("text", ["2 hours ago", "Copyright © 2016 Powered by x",
                                  "2023-02-30", "04/06/23", "1,000 people on 12.2023",
                                  "CST 15:52 2023"])
def test_no_date_is_invented(text: str) -> None:
    assert find_date(text) is None


def test_an_ambiguous_zone_is_not_invented() -> None:
    assert find_date("2023-06-04 15:52 CST").iso == "2023-06-04T15:52"  # China or Chicago?


def _meta(page: str, url: str | None = "https://agg.example.com/news/1.html"):
    return extract_page_metadata(html.document_fromstring(page), url)


def test_sources_in_order_jsonld_first() -> None:
    page = ("<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
            "\"datePublished\": \"2023-06-04T15:52:03+01:00\", \"dateModified\": "
            "\"2023-06-05T08:00+01:00\"}</script><meta property='article:published_time' "
            "content='2020-01-01T00:00:00Z'></head><body><h1>H</h1><p>Published on 2019-01-01"
            "</p></body></html>")
    meta = _meta(page)
    assert (meta.published_at, meta.published_raw) == ("2023-06-04T15:52:03+01:00",
                                                       "2023-06-04T15:52:03+01:00")
    assert meta.modified_at == "2023-06-05T08:00+01:00"
    assert dict(meta.provenance)["published_at"] == "jsonld"


def test_meta_then_time_element() -> None:
    meta = _meta("<html><head><meta property='article:published_time' content='2023-06-04T15:52"
                 ":03Z'></head><body><article><time datetime='2020-01-01'>x</time></article>"
                 "</body></html>")
    assert (meta.published_at, dict(meta.provenance)["published_at"]) == (
        "2023-06-04T15:52:03+00:00", "meta")
    meta = _meta("<html><body><article><h1>H</h1><time datetime='2023-06-04T15:52'>4 June</time>"
                 "</article></body></html>")
    assert (meta.published_at, dict(meta.provenance)["published_at"]) == (
        "2023-06-04T15:52", "time")


@pytest.mark.parametrize(("line", "iso"), [
    ("Published on 2023-06-04 15:52:03 source:NBC News", "2023-06-04T15:52:03"),
    ("发布时间：2023-06-04 15:52 来源：新华社", "2023-06-04T15:52"),
    ("Veröffentlicht am 04.06.2023 15:52 Quelle: dpa", "2023-06-04T15:52"),
    ("Publicado el 04/06/2023 15:52 Fuente: EFE", "2023-06-04T15:52"),
    ("Publié le 04/06/2023 à 15h52 Source : AFP", "2023-06-04T15:52"),
    ("2023-06-04 15:52 来源：新华社", "2023-06-04T15:52"),
])
def test_visible_meta_lines_outside_the_body(line: str, iso: str) -> None:
    page = (f"<html><body><div class='top'><a href='/'>Home</a></div><h1>Headline</h1>"
            f"<div class='info'>{line}</div><div><p>Body text.</p></div></body></html>")
    meta = _meta(page)
    assert meta.published_at == iso
    assert dict(meta.provenance)["published_at"] == "visible"
    assert meta.published_raw and meta.published_raw in line


def test_a_dateline_without_a_label_under_the_headline() -> None:
    meta = _meta("<html><body><h1>Headline</h1><div class='d'>June 9, 2021 15:18</div>"
                 "<p>Body text of the story.</p></body></html>")
    assert meta.published_at == "2021-06-09T15:18"


def test_the_pages_own_numeric_dates_settle_day_or_month_first() -> None:
    page = ("<html lang='en-US'><body><h1>H</h1><div>Date: 04/06/2023 10:00</div><ul class='x'>"
            "<li>Other story 25/05/2023</li></ul></body></html>")
    assert _meta(page).published_at == "2023-06-04T10:00"  # 25/05 proves day first
    us_page = "<html lang='en-US'><body><h1>H</h1><div>Date: 04/06/2023 10:00</div></body></html>"
    assert _meta(us_page).published_at == "2023-04-06T10:00"
    world = "<html lang='en-GB'><body><h1>H</h1><div>Date: 04/06/2023 10:00</div></body></html>"
    assert _meta(world).published_at == "2023-06-04T10:00"


def test_updated_only_is_modified_and_the_last_resort_for_published() -> None:
    meta = _meta("<html><body><h1>H</h1><p>Some words first.</p><p>More words.</p>"
                 "<p>Even more words here.</p><p>And more.</p><p>Yet more.</p><p>Still.</p>"
                 "<p>Again.</p><p>Last.</p><p>Updated: July 16, 2023</p></body></html>",
                 url=None)
    assert meta.modified_at == "2023-07-16"
    assert meta.published_at == "2023-07-16"
    assert dict(meta.provenance)["published_at"] == "visible_updated"


def test_missing_is_none_not_the_copyright_year() -> None:
    meta = _meta("<html><body><h1>H</h1><p>Words without any date at all.</p>"
                 "<div class='footer'>Copyright © 2016 Powered by Example</div></body></html>",
                 url=None)
    assert (meta.published_at, meta.published_raw, meta.modified_at) == (None, None, None)
    assert "published_at" not in dict(meta.provenance)


def test_dates_of_other_stories_are_not_the_articles() -> None:
    meta = _meta("<html><body><h1>H</h1><p>Words of the story, and more words.</p>"
                 "<aside class='related'><ul><li><a href='/a'>Other story</a> 2023-05-01</li>"
                 "<li><a href='/b'>Another</a> 2023-04-28</li></ul></aside><div class='hot-news"
                 "'><span class='date'>2023-05-02</span></div></body></html>", url=None)
    assert meta.published_at is None


def test_htmldate_is_the_last_resort() -> None:
    meta = _meta("<html><body><h1>H</h1><p>Words of the story.</p><p>More.</p><p>More.</p>"
                 "<p>More.</p><p>More.</p><p>More.</p><p>More.</p><p>More.</p><abbr class="
                 "'published' title='2021-03-15T10:00:00'>March</abbr></body></html>",
                 url="https://example.com/story.html")
    assert (meta.published_at, meta.published_raw) == ("2021-03-15", None)
    assert dict(meta.provenance)["published_at"] == "htmldate"


@pytest.mark.parametrize(("url", "day"), [
    ("https://agg.example.com/news/2023/0604/123.html", "2023-06-04"),
    ("https://agg.example.com/a/20230604/123.html", "2023-06-04"),
    ("https://agg.example.com/news/202306/04/123.html", "2023-06-04"),
    ("https://agg.example.com/2023/06/04/story/", "2023-06-04"),
    ("https://agg.example.com/p/12345678.html", None),
    ("https://agg.example.com/2023/13/45/story/", None),
])
def test_a_date_in_the_url_when_the_page_shows_none(url: str, day: str | None) -> None:
    meta = _meta("<html><body><h1>H</h1><p>Words of the story.</p></body></html>", url=url)
    assert meta.published_at == day
    if day:
        assert dict(meta.provenance)["published_at"] == "url"
        assert meta.published_raw is None  # not the page's words


def test_the_visible_time_beats_the_url_day() -> None:
    meta = _meta("<html><body><h1>H</h1><div>Published on 2023-06-04 15:52:03</div></body>"
                 "</html>", url="https://agg.example.com/a/20230601/1.html")
    assert meta.published_at == "2023-06-04T15:52:03"


def test_the_time_is_as_precise_as_the_page() -> None:
    assert find_date("2023-06-04 15:52").iso == "2023-06-04T15:52"
    assert find_date("2023-06-04 15:52:03").iso == "2023-06-04T15:52:03"


def test_a_weekday_is_part_of_the_raw_string_not_the_value() -> None:
    found = find_date("By Dale Whitcomb<br>Monday, July 19, 2004")
    assert (found.iso, found.raw) == ("2004-07-19", "Monday, July 19, 2004")
    assert find_date("2023年6月4日 星期日 15:52").iso == "2023-06-04T15:52"


def test_a_br_separated_dateline_in_a_table_page() -> None:
    meta = _meta("<html><head><title>Valley Gazette Online - County fair adds a tractor pull"
                 "</title></head><body><table><tr><td><font size=5><b>County fair adds a "
                 "tractor pull</b></font><br><font size=2>By Dale Whitcomb, Gazette staff "
                 "writer<br>Monday, July 19, 2004</font><br><br>" + "The fair opens. " * 60
                 + "</td></tr></table></body></html>", url=None)
    assert (meta.published_at, meta.published_raw) == ("2004-07-19", "Monday, July 19, 2004")
    assert meta.authors == ("Dale Whitcomb",)
