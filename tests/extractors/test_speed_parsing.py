"""The parsed tree's elements are picked in C (plain HtmlElement): same trees, same records.

The text reaches libxml2 as UTF-8 bytes, not as a str: the same trees (and the same errors).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors import extract, parsing
from extractors.decoding import decode_html
from extractors.errors import ParseError
from extractors.parsing import parse_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FORM_PAGE = """<html><head><title>t</title></head><body>
<form action="/s"><label for="q">Search</label><input id="q" name="q" value="x">
<select name="s"><option>a</option></select><textarea name="t">text</textarea></form>
<div class="story"><p>First paragraph of the story, long enough to be kept as text.</p>
<p>Second paragraph of the story, also long enough to be kept by the extractor.</p></div>
</body></html>"""


def test_every_element_is_an_html_element():
    tree = parse_html(FORM_PAGE, 400)
    elements = list(tree.iter())
    assert {e.tag for e in elements} >= {"form", "label", "input", "select", "textarea"}
    assert all(type(e) is lxml_html.HtmlElement for e in elements)
    # lxml.html's methods are all there, on copies too (trafilatura works on copies)
    copied = parse_html(FORM_PAGE, 400).__copy__()
    assert all(type(e) is lxml_html.HtmlElement for e in copied.iter())
    copied.find(".//form").drop_tree()
    assert "Search" not in copied.text_content()


def test_same_tree_as_the_lxml_html_parser():
    reference = lxml_html.document_fromstring(FORM_PAGE, parser=lxml_html.HTMLParser(
        collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True))
    assert etree.tostring(parse_html(FORM_PAGE, 400)) == etree.tostring(reference)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html"))[:8],
                         ids=lambda p: p.parent.name)
def test_records_are_the_same_with_lxml_html_s_own_lookup(page: Path, monkeypatch):
    raw = page.read_bytes()
    fast = extract(raw, "https://example.test/story")
    monkeypatch.setattr(parsing, "_ELEMENT_CLASSES", lxml_html.HtmlElementClassLookup())
    assert type(parse_html(FORM_PAGE, 400).find(".//form")) is lxml_html.FormElement
    slow = extract(raw, "https://example.test/story")
    assert fast == slow


# -- the text goes to libxml2 as UTF-8 bytes ---------------------------------------------------

def _parse(text: str) -> bytes | str:
    try:
        return etree.tostring(parse_html(text, 400))
    except ParseError as exc:
        return f"{type(exc).__name__}: {exc}"


def _str_parse(text: str, monkeypatch: pytest.MonkeyPatch) -> bytes | str:
    """What parse_html gives when lxml is handed the str itself, as it was before."""
    with monkeypatch.context() as patched:
        patched.setattr(parsing, "_as_utf8", lambda text: (text, None))
        return _parse(text)


UTF8_EDGES = [
    "", " ", "\x00", "plain", "<p>é ü ß</p>", "<p>中文 日本語 한국어</p>", "<p>emoji 😀 𝄞</p>",
    "\ufeff<p>bom</p>", "<meta charset='gb2312'><p>中文</p>", "<meta charset=latin-1><p>é</p>",
    "<p>\x00a\x00</p>", "\x0c<p>\x01</p>", "<p>lone \ud800 surrogate</p>",
    "<?xml version='1.0' encoding='latin-1'?><p>é</p>",
    "<?xml version='1.0'?><?xml version='1.0' encoding='latin-1'?><p>two declarations</p>",
    "<div>" * 300 + "deep",
]


@pytest.mark.parametrize("text", UTF8_EDGES, ids=range(len(UTF8_EDGES)))
def test_utf8_parse_gives_the_str_parse_s_tree(text: str, monkeypatch: pytest.MonkeyPatch):
    assert _parse(text) == _str_parse(text, monkeypatch)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_utf8_parse_gives_the_str_parse_s_tree_on_fixture_pages(
        page: Path, monkeypatch: pytest.MonkeyPatch):
    text = decode_html(page.read_bytes()).text
    assert _parse(text) == _str_parse(text, monkeypatch)
