"""``choose_title`` checks the h1s against <title> before it strips the named tags' site
affixes (most pages' <title> carries an h1, and then the stripping was wasted), and folds
each candidate once for the agreement test. The reference below is the function as it was;
both run on crafted candidates and on the candidates of every fixture page, with and
without the page's names, and with the candidates moved between the tags.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import islice
from pathlib import Path

import pytest
from lxml import html as lxml_html

from extractors.jsonld import read_jsonld
from extractors.metadata import _head_and_scan, _headlines, _title_tag
from extractors.page_site import host_names, site_name
from extractors.titles import (
    TITLE_RULES,
    TitleCandidates,
    TitleRules,
    _clean,
    _is_a_name,
    _name_keys,
    _norm,
    _title_carries,
    choose_title,
    strip_site_affixes,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FIXTURE_PAGES = sorted(FIXTURES.glob("*/*/input.html"))


def reference_choose_title(candidates: TitleCandidates, names: tuple[str, ...] = (),
                           rules: TitleRules | None = None) -> tuple[str | None, str | None]:
    """choose_title as it was: every named tag stripped first, then all checked in order."""
    rules = rules or TITLE_RULES
    names = tuple(n for n in names if n and len(_norm(n)) >= 2)
    title_tag = _clean(candidates.title_tag)
    named = [
        ("jsonld", _clean(candidates.jsonld_headline)),
        ("og:title", _clean(candidates.og_title)),
        ("twitter:title", _clean(candidates.twitter_title)),
    ]
    named = [(source, strip_site_affixes(value, names, rules, generic=False))
             for source, value in named if value]
    name_keys = _name_keys(names)
    h1s = [h for h in (_clean(h) for h in candidates.h1s) if h and not _is_a_name(h, name_keys)]
    ordered = [("h1", h) for h in h1s] + named
    if title_tag:
        for source, value in ordered:
            if _norm(value) and _title_carries(title_tag, value, rules):
                return value, source
    for index, (source, value) in enumerate(ordered):
        key = _norm(value)
        if key and any(_norm(other) == key for i, (_, other) in enumerate(ordered) if i != index):
            return value, source
    if named:
        return named[0][1], named[0][0]
    if h1s:
        return h1s[0], "h1"
    if title_tag:
        stripped = strip_site_affixes(title_tag, names, rules, generic=True)
        return stripped, "title_tag"
    return None, None


NAMES = ("NBC News", "Example Times", "example")
CRAFTED = [
    TitleCandidates(),
    TitleCandidates(title_tag="Story | NBC News", h1s=("Story",)),
    TitleCandidates(title_tag="Story | NBC News", h1s=("NBC News", "Other"), og_title="Story"),
    TitleCandidates(title_tag="Other page", og_title="Story - NBC News", h1s=("Story",)),
    TitleCandidates(og_title="Story - NBC News", twitter_title="Story", jsonld_headline="X"),
    TitleCandidates(jsonld_headline="Story", h1s=("Story", "story!")),
    TitleCandidates(title_tag="A long story about things - Example Times", h1s=("",)),
    TitleCandidates(title_tag="Story,NBC News", twitter_title="Story, NBC News"),
    TitleCandidates(h1s=("A", "B", "a"), og_title="b"),
    TitleCandidates(title_tag="!!", h1s=("!!",), og_title="??"),
    TitleCandidates(title_tag="Example Times", og_title="Example Times | Story"),
]


@pytest.mark.parametrize("candidates", CRAFTED)
@pytest.mark.parametrize("names", [(), NAMES])
def test_crafted_candidates_give_the_old_title(candidates: TitleCandidates,
                                               names: tuple[str, ...]):
    assert choose_title(candidates, names) == reference_choose_title(candidates, names)


def _page_candidates(page: Path) -> tuple[TitleCandidates, tuple[str, ...]]:
    """The candidates and names extract_page_metadata gives choose_title (the page's
    credited outlet left out: it needs the meta lines' credits)."""
    tree = lxml_html.document_fromstring(page.read_bytes())
    url = "https://www.example-news.com/2023/06/04/story.html"
    title_tag = _title_tag(tree)
    head, scan = _head_and_scan(tree, title_tag)
    facts = read_jsonld(tree, scan.elements(tree, "script"))
    site, _ = site_name(head, facts, url)
    names = tuple(n for n in (site, head.get("og:site_name"), facts.publisher,
                              head.get("application-name"), *host_names(url)) if n)
    return TitleCandidates(title_tag=title_tag, og_title=head.get("og:title"),
                           twitter_title=head.get("twitter:title"),
                           jsonld_headline=facts.headline, h1s=_headlines(tree, scan)), names


def _variants(candidates: TitleCandidates):
    """The page's candidates, and the same texts in other tags (an h1 as og:title, ...)."""
    yield candidates
    yield replace(candidates, h1s=())
    yield replace(candidates, title_tag=None)
    first_h1 = next(iter(candidates.h1s), None)
    yield replace(candidates, h1s=(), og_title=first_h1, jsonld_headline=candidates.og_title)
    yield replace(candidates, h1s=tuple(islice(
        (v for v in (candidates.og_title, candidates.jsonld_headline) if v), 2)))


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: f"{p.parent.parent.name}/"
                                                             f"{p.parent.name}")
def test_fixture_candidates_give_the_old_title(page: Path):
    candidates, names = _page_candidates(page)
    for variant in _variants(candidates):
        for known in (names, (), NAMES):
            assert choose_title(variant, known) == reference_choose_title(variant, known)
