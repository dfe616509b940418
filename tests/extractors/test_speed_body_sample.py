"""The body sample that picks trafilatura's configuration (CJK or not), folded from the first
<body> found without the "//body" walk of the whole page, is what
``substring(normalize-space(//body), 1, 3000)`` gave."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors.body import _body_sample

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
OLD = etree.XPath("substring(normalize-space(//body), 1, 3000)")


def _same(tree: lxml_html.HtmlElement) -> None:
    assert _body_sample(tree) == str(OLD(tree))
    body = tree.find("body")
    inner = None if body is None else next(body.iterchildren(etree.Element), None)
    if inner is not None:
        assert _body_sample(inner) == str(OLD(inner))  # "//" starts at the document


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_pages_give_the_same_sample(page: Path):
    _same(lxml_html.document_fromstring(page.read_bytes()))


def test_random_pages_give_the_same_sample():
    pieces = [" ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "a", "词", "word ", "x" * 700,
              " " * 900, "<b>", "</b>", "<p>", "</p>", "<!-- c -->", "<script>s</script>",
              "<br>", "\U0001f600"]
    rng = random.Random(20261127)
    for _ in range(400):
        inner = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        _same(lxml_html.document_fromstring(f"<html><head><title>t</title></head>"
                                            f"<body>{inner or '.'}</body></html>"))


def test_the_first_body_in_document_order_is_sampled():
    tree = lxml_html.document_fromstring("<html><head></head><body>second</body></html>")
    stray = etree.SubElement(tree.find("head"), "body")  # before the real one
    stray.text = "first"
    etree.SubElement(tree.find("body"), "body").text = "third"
    assert _body_sample(tree) == str(OLD(tree)) == "first"
    tree.find("head").remove(stray)
    assert _body_sample(tree) == str(OLD(tree)) == "secondthird"


def test_a_page_without_body_gives_nothing():
    tree = etree.fromstring("<html><div>text</div></html>")
    assert _body_sample(tree) == str(OLD(tree)) == ""
