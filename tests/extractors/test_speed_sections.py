"""Section-class elements found by a regex over class/id values: the same elements, in the
same order, as the XPath contains() search they replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from extractors.structure_page import SECTION_RULE, _section_class_elements

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _old_search(prefixes: tuple[str, ...]) -> etree.XPath:
    needed = [p for p in prefixes if not any(q != p and q in p for q in prefixes)]
    tests = " or ".join(f"contains(., '{p}')" for p in needed)
    return etree.XPath(f"(//body//@class | //body//@id)[{tests or 'false()'}]/..")


OLD = _old_search(SECTION_RULE.class_prefixes)
EDGE = """<html><head><meta class="kicker"></head><body class="rubrique-home" id="crumbs">
<div class="kicker" id="kicker-1"><span id="x-rubric">Kultur</span></div>
<nav class="breadcrumb"><a class="crumb">Home</a><a>Vie locale</a></nav>
<p class="Kicker">case matters</p><p id="scrub">substring</p><p class="categories">c</p>
<div class="a"><div class="b"><h2 class="dachzeile" id="dachzeile">Ressort</h2></div></div>
</body></html>"""


def test_edge_cases_match_the_old_search():
    tree = lxml_html.document_fromstring(EDGE)
    found = _section_class_elements(tree)
    assert found == OLD(tree)
    assert len(found) == 8  # body, div, span, nav, a, p#scrub, p.categories, h2 (once)


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*/*/input.html")),
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_pages_match_the_old_search(page: Path):
    tree = lxml_html.document_fromstring(page.read_bytes())
    assert _section_class_elements(tree) == OLD(tree)
