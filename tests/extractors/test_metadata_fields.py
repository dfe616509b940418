"""Authors, site name, canonical URL and description of a page."""

from __future__ import annotations

import pytest
from lxml import html

from extractors.authors import clean_authors
from extractors.metadata import extract_page_metadata


def _meta(page: str, url: str | None = "https://www.example-news.com/a/2023/1.html"):
    return extract_page_metadata(html.document_fromstring(page), url)


@pytest.mark.parametrize(("raw", "names"), [
    ("By Jane Doe and John Roe | NBC News, June 4, 2023", ("Jane Doe", "John Roe")),
    ("作者：张三", ("张三",)),
    ("记者 张三 李四", ("张三", "李四")),
    ("文/王和平", ("王和平",)),
    ("Von Max Mustermann und Erika Musterfrau", ("Max Mustermann", "Erika Musterfrau")),
    ("Por Juan Pérez y María López", ("Juan Pérez", "María López")),
    ("Par Jean Dupont et Marie Curie", ("Jean Dupont", "Marie Curie")),
    ("Jane Doe, John Roe, Jane Doe", ("Jane Doe", "John Roe")),
    ("Jane Doe (jane@example.com)", ("Jane Doe",)),
    ("By Jane Doe for Reuters", ("Jane Doe",)),
    ("Autor: Hans Meier, dpa", ("Hans Meier",)),
    ("Analysis by Chris Cillizza", ("Chris Cillizza",)),
    ("Phil Helsel is a reporter", ("Phil Helsel",)),
    ("Rachael Link, MS, RD", ("Rachael Link",)),
    ("Mike Wuerthele and Malcolm Owen Monday, November 18, 2019",
     ("Mike Wuerthele", "Malcolm Owen")),
    ("Ronan de la Rosa", ("Ronan de la Rosa",)),
    ("By NBC News", ()),
    ("HNN Staff", ()),
    ("AP National Security Writer", ()),
    ("https://www.facebook.com/janedoe", ()),
    ("Zac covers Apple news", ()),
])
def test_clean_authors(raw: str, names: tuple[str, ...]) -> None:
    assert clean_authors([raw], exclude=["NBC News"]) == names


def test_authors_from_jsonld_then_meta_then_byline() -> None:
    jsonld = ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"author\": "
              "[{\"@type\": \"Person\", \"name\": \"Jane Doe\"}, {\"name\": \"John Roe\"}]}"
              "</script>")
    meta = _meta(f"<html><head>{jsonld}<meta name='author' content='Someone Else'></head>"
                 "<body><h1>H</h1></body></html>")
    assert meta.authors == ("Jane Doe", "John Roe")
    assert dict(meta.provenance)["authors"] == "jsonld"
    meta = _meta("<html><head><meta name='author' content='Jane Doe; John Roe'></head>"
                 "<body></body></html>")
    assert (meta.authors, dict(meta.provenance)["authors"]) == (("Jane Doe", "John Roe"), "meta")


def test_byline_element_not_the_teasers_authors() -> None:
    meta = _meta("<html><body><article><h1>H</h1><div class='byline'>By <a rel='author'>"
                 "Madeline Fry</a> | November 18, 2019</div><p>Text.</p></article>"
                 "<ul class='teasers'><li><span class='author'>Rob Crilly</span></li>"
                 "<li><span class='author'>Becket Adams</span></li></ul></body></html>")
    assert meta.authors == ("Madeline Fry",)


def test_visible_author_label_on_a_meta_line() -> None:
    meta = _meta("<html><body><h1>标题</h1><div class='info'>2023-06-04 15:52 来源：新华社 "
                 "作者：张三</div><p>正文。</p></body></html>")
    assert meta.authors == ("张三",)
    assert dict(meta.provenance)["authors"] == "visible"


def test_no_author_is_an_empty_tuple() -> None:
    assert _meta("<html><body><h1>H</h1><p>Text.</p></body></html>").authors == ()


def test_site_name_sources() -> None:
    assert _meta("<html><head><meta property='og:site_name' content='Example News'></head>"
                 "<body></body></html>").site_name == "Example News"
    ld = ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"publisher\": "
          "{\"@type\": \"Organization\", \"name\": \"Example Publishing\"}}</script>")
    assert _meta(f"<html><head>{ld}</head><body></body></html>").site_name == (
        "Example Publishing")
    meta = _meta("<html><body></body></html>")
    assert (meta.site_name, dict(meta.provenance)["site_name"]) == ("example-news.com", "url")


@pytest.mark.parametrize(("head", "url", "canonical", "source"), [
    ("<link rel='canonical' href='https://www.example-news.com/a/1.html'>",
     "https://www.example-news.com/a/1.html?utm_source=x", "https://www.example-news.com/a/1.html",
     "link_canonical"),
    ("<link rel='canonical' href='/a/1.html'>", "https://m.example-news.com/x?id=1",
     "https://m.example-news.com/a/1.html", "link_canonical"),
    ("<link rel='Canonical' href='https://news.example-news.com/a/1.html'>",
     "https://www.example-news.com/a/1.html", "https://news.example-news.com/a/1.html",
     "link_canonical"),
    ("<link rel='canonical' href='https://www.nbcnews.com/original'>",
     "https://www.example-agg.com/1.html", "https://www.example-agg.com/1.html", "url"),
    ("<link rel='canonical' href='javascript:void(0)'><meta property='og:url' "
     "content='https://www.example-agg.com/a/1.html'>",
     "https://www.example-agg.com/1.html?x=1", "https://www.example-agg.com/a/1.html", "og:url"),
    ("<link rel='canonical' href='http://bad host/x'>", "https://example.org/1",
     "https://example.org/1", "url"),
])
def test_canonical_url_only_when_sane(head: str, url: str, canonical: str, source: str) -> None:
    meta = _meta(f"<html><head>{head}</head><body></body></html>", url)
    assert meta.canonical_url == canonical
    assert dict(meta.provenance)["canonical_url"] == source


def test_canonical_without_a_page_url_must_be_absolute() -> None:
    assert _meta("<html><head><link rel='canonical' href='/a/1.html'></head></html>",
                 None).canonical_url is None
    assert _meta("<html><head><link rel='canonical' href='https://x.example/a'></head></html>",
                 None).canonical_url == "https://x.example/a"


def test_description_meta_then_og() -> None:
    meta = _meta("<html><head><meta property='og:description' content='OG words'>"
                 "<meta name='description' content='  Plain   words '></head></html>")
    assert meta.description == "Plain words"
    meta = _meta("<html><head><meta property='og:description' content='OG words'></head></html>")
    assert (meta.description, dict(meta.provenance)["description"]) == (
        "OG words", "meta:og:description")
    assert _meta("<html><body></body></html>").description is None


def test_page_language_from_html_lang() -> None:
    assert _meta("<html lang='zh-CN'><body></body></html>").page_language == "zh"
    assert _meta("<html><head><meta property='og:locale' content='de_DE'></head></html>"
                 ).page_language == "de"
    assert _meta("<html lang='x'><body></body></html>").page_language is None


def test_broken_jsonld_is_skipped_not_fatal() -> None:
    meta = _meta("<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
                 "\"headline\": \"Half a JSON</script><script type='application/ld+json'>"
                 "[{\"@type\": \"NewsArticle\", \"headline\": \"Trailing comma\",}]</script>"
                 "</head><body></body></html>")
    assert meta.title == "Trailing comma"


def test_a_byline_after_the_dateline() -> None:
    meta = _meta("<html><body><div class='titre'>Dernière fournée</div><div class='date'>Publié "
                 "le 3 février 2023 à 07h30 par <span class='auteur'>Claire Vasseur</span></div>"
                 "<p>Texte.</p></body></html>")
    assert meta.authors == ("Claire Vasseur",)
    assert meta.published_at == "2023-02-03T07:30"
