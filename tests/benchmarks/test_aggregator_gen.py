"""The aggregator page generator: deterministic, honest ground truth, disjoint splits.

English bodies come from a small made-up ground-truth file in tmp_path (the real benchmark
lives outside the repo), so these tests run anywhere.
"""

import json
import tomllib

import lxml.html
import pytest

from benchmarks.aggregator_gen import generate_pages
from benchmarks.aggregator_layouts import LAYOUTS
from benchmarks.aggregator_match import TextIndex, tokens
from benchmarks.aggregator_pieces import LANGUAGES
from benchmarks.aggregator_sources import TEMPLATES

PAGES = 40  # four rounds of the ten layouts

_SENTENCES = [
    "The council said on Monday that the new bus lanes would open in the spring.",
    "Officials have been working with residents for more than a year on the plan.",
    "It is the first time the city has tried such a scheme on its busiest roads.",
    "Critics say the money would be better spent on repairing the old bridges.",
    "Advertisement",  # a line the pages also use as clutter: must not be counted as clutter
    "The mayor told reporters that the results will be reviewed after six months.",
    "Short update one",
    "Short update two",
    "Short update three",
    "Short update four",
    "A spokesman for the transport union said that drivers had not been consulted.",
    "The plan was approved by a large majority at the meeting on Thursday evening.",
]


@pytest.fixture(scope="module")
def ground_truth(tmp_path_factory):
    """Six made-up English bodies (three per split), shaped like the benchmark's file."""
    data = {}
    for n in range(6):
        lines = _SENTENCES[n:] + _SENTENCES[:n]
        data[f"{n:064x}"] = {
            "url": f"https://example.com/news/city-plans-new-bus-lanes-story-{n}",
            "articleBody": "\n".join(lines),
        }
    path = tmp_path_factory.mktemp("bench") / "ground-truth.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dev_pages(ground_truth):
    return generate_pages("dev", PAGES, seed=7, ground_truth=ground_truth)


def _visible_text(page) -> str:
    tree = lxml.html.document_fromstring(page.html.decode(page.charset))
    for junk in tree.xpath("//script|//style|//head"):
        junk.drop_tree()
    return " ".join(tree.itertext())


def test_same_seed_gives_identical_pages(ground_truth, dev_pages):
    again = generate_pages("dev", PAGES, seed=7, ground_truth=ground_truth)
    def key(p):
        return (p.html, p.truth, p.url)

    assert [key(p) for p in again] == [key(p) for p in dev_pages]


def test_another_seed_gives_other_pages(ground_truth, dev_pages):
    other = generate_pages("dev", PAGES, seed=8, ground_truth=ground_truth)
    assert sum(a.html != b.html for a, b in zip(dev_pages, other, strict=True)) > PAGES * 0.9


def test_every_layout_and_language_is_generated(dev_pages):
    assert {p.layout for p in dev_pages} == set(LAYOUTS)
    assert {p.truth.language for p in dev_pages} == set(LANGUAGES)


def test_ground_truth_body_holds_no_clutter(dev_pages):
    for page in dev_pages:
        body = TextIndex(page.truth.body)
        leaked = [c.text for c in page.truth.clutter if body.holds(c.text)]
        assert not leaked, (page.page_id, leaked)


def test_a_line_the_body_also_holds_is_not_recorded_as_clutter(dev_pages):
    english = [p for p in dev_pages if p.truth.language == "en"]
    assert english
    for page in english:
        assert "Advertisement" in page.truth.body
        assert all(c.text != "Advertisement" for c in page.truth.clutter)


def test_every_recorded_clutter_line_is_in_the_page(dev_pages):
    for page in dev_pages:
        visible = TextIndex(_visible_text(page))
        missing = [c.text for c in page.truth.clutter if not visible.contains_words_of(c.text)]
        assert not missing, (page.page_id, missing)


def test_pages_carry_the_seed_pages_kinds_of_clutter(dev_pages):
    kinds = {c.kind for p in dev_pages for c in p.truth.clutter}
    assert {"search", "date_line", "credit", "recommend", "copyright_statement", "footer",
            "back_to_top"} <= kinds


def test_truth_fields_are_in_the_page(dev_pages):
    for page in dev_pages:
        visible = TextIndex(_visible_text(page))
        assert visible.contains_words_of(page.truth.title), page.page_id
        assert visible.contains_words_of(page.truth.original_source), page.page_id
        assert page.truth.published[:4] in page.html.decode(page.charset)
        for item in page.truth.list_items:
            assert visible.contains_words_of(item), (page.page_id, item)


def test_lists_are_part_of_the_truth(dev_pages):
    with_lists = [p for p in dev_pages if p.truth.list_items]
    assert len(with_lists) > PAGES // 2
    for page in with_lists:
        body_lines = page.truth.body.split("\n")
        assert all(item in body_lines for item in page.truth.list_items)


def test_splits_differ(ground_truth, dev_pages):
    holdout = generate_pages("holdout", PAGES, seed=7, ground_truth=ground_truth)
    assert {p.article_key for p in dev_pages}.isdisjoint({p.article_key for p in holdout})
    assert {p.truth.original_source for p in dev_pages}.isdisjoint(
        {p.truth.original_source for p in holdout})
    for kind in ("recommend", "copyright_statement", "back_to_top", "search"):
        dev = {c.text for p in dev_pages for c in p.truth.clutter if c.kind == kind}
        held = {c.text for p in holdout for c in p.truth.clutter if c.kind == kind}
        assert dev and held and dev.isdisjoint(held), kind


def test_template_wordings_are_disjoint_between_splits():
    shared_by_design = {"credit"}  # "Source: {outlet}" is what nearly every copy writes
    for language in LANGUAGES:
        data = tomllib.loads((TEMPLATES / f"lang_{language}.toml").read_text("utf-8"))
        for kind, table in data.items():
            if isinstance(table, dict) and kind not in shared_by_design:
                overlap = set(table["dev"]) & set(table["holdout"])
                assert not overlap, (language, kind, overlap)


def test_short_clutter_lines_match_only_whole_lines():
    index = TextIndex("Stocks rose to the top of the range.\nTop")
    assert index.holds("Top")
    assert not TextIndex("Stocks rose to the top of the range.").holds("Top")
    assert TextIndex("Intro.\nBack to top of page now").holds("Back to top")
    assert TextIndex("…继续阅读返回顶部").holds("返回顶部")
    assert tokens("Home | World") == ("home", "world")
