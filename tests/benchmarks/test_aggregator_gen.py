"""The aggregator page generator: deterministic, honest ground truth, disjoint splits.

English bodies come from a small made-up ground-truth file in tmp_path (the real benchmark
lives outside the repo), so these tests run anywhere.
"""

import json
import re
import tomllib

import lxml.html
import pytest

from benchmarks.aggregator_gen import generate_pages
from benchmarks.aggregator_layouts import LAYOUTS
from benchmarks.aggregator_match import TextIndex, tokens
from benchmarks.aggregator_pieces import LANGUAGES, load_language_tables, load_wordings
from benchmarks.aggregator_sources import SPLITS, TEMPLATES, english_split, load_sources

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

_PLACES = ["north", "south", "harbour", "airport", "centre", "suburbs", "old-town", "campus"]


@pytest.fixture(scope="module")
def ground_truth(tmp_path_factory):
    """Eight made-up English bodies (dev 4, holdout 2, fresh 2), shaped like the benchmark's."""
    data = {}
    for n in range(8):
        lines = _SENTENCES[n:] + _SENTENCES[:n]
        data[f"{n:064x}"] = {
            "url": f"https://example.com/news/city-plans-bus-lanes-{_PLACES[n]}-story-{n}",
            "articleBody": "\n".join(lines),
        }
    path = tmp_path_factory.mktemp("bench") / "ground-truth.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pages_of(ground_truth):
    """``pages_of(split)``: PAGES pages of the split at seed 7, generated once per module."""
    cache = {}

    def pages(split):
        if split not in cache:
            cache[split] = generate_pages(split, PAGES, seed=7, ground_truth=ground_truth)
        return cache[split]

    return pages


@pytest.fixture(scope="module")
def dev_pages(pages_of):
    return pages_of("dev")


@pytest.fixture(scope="module", params=SPLITS)
def split_pages(request, pages_of):
    """The same structural checks hold on every split's pages."""
    return pages_of(request.param)


def _visible_text(page) -> str:
    tree = lxml.html.document_fromstring(page.html.decode(page.charset))
    for junk in tree.xpath("//script|//style|//head"):
        junk.drop_tree()
    return " ".join(tree.itertext())


def _key(page):
    return (page.html, page.truth, page.url, page.article_key)


def test_same_seed_gives_identical_pages(ground_truth, split_pages):
    split = split_pages[0].split
    again = generate_pages(split, PAGES, seed=7, ground_truth=ground_truth)
    assert [_key(p) for p in again] == [_key(p) for p in split_pages]


def test_another_seed_gives_other_pages(ground_truth, split_pages):
    split = split_pages[0].split
    other = generate_pages(split, PAGES, seed=8, ground_truth=ground_truth)
    assert sum(a.html != b.html for a, b in zip(split_pages, other, strict=True)) > PAGES * 0.9


def test_every_layout_and_language_is_generated(split_pages):
    assert {p.layout for p in split_pages} == set(LAYOUTS)
    assert {p.truth.language for p in split_pages} == set(LANGUAGES)


def test_ground_truth_body_holds_no_clutter(split_pages):
    for page in split_pages:
        body = TextIndex(page.truth.body)
        leaked = [c.text for c in page.truth.clutter if body.holds(c.text)]
        assert not leaked, (page.page_id, leaked)


def test_a_line_the_body_also_holds_is_not_recorded_as_clutter(dev_pages):
    english = [p for p in dev_pages if p.truth.language == "en"]
    assert english
    for page in english:
        assert "Advertisement" in page.truth.body
        assert all(c.text != "Advertisement" for c in page.truth.clutter)


def test_every_recorded_clutter_line_is_in_the_page(split_pages):
    for page in split_pages:
        visible = TextIndex(_visible_text(page))
        missing = [c.text for c in page.truth.clutter if not visible.contains_words_of(c.text)]
        assert not missing, (page.page_id, missing)


def test_pages_carry_the_seed_pages_kinds_of_clutter(split_pages):
    kinds = {c.kind for p in split_pages for c in p.truth.clutter}
    assert {"search", "date_line", "credit", "recommend", "copyright_statement", "footer",
            "back_to_top"} <= kinds


def test_truth_fields_are_in_the_page(split_pages):
    for page in split_pages:
        visible = TextIndex(_visible_text(page))
        assert visible.contains_words_of(page.truth.title), page.page_id
        assert visible.contains_words_of(page.truth.original_source), page.page_id
        assert page.truth.published[:4] in page.html.decode(page.charset)
        for item in page.truth.list_items:
            assert visible.contains_words_of(item), (page.page_id, item)


def test_lists_are_part_of_the_truth(split_pages):
    with_lists = [p for p in split_pages if p.truth.list_items]
    assert len(with_lists) > PAGES // 2
    for page in with_lists:
        body_lines = page.truth.body.split("\n")
        assert all(item in body_lines for item in page.truth.list_items)


@pytest.mark.parametrize(("one", "other"), [("dev", "holdout"), ("dev", "fresh"),
                                            ("holdout", "fresh")])
def test_splits_differ(pages_of, one, other):
    a, b = pages_of(one), pages_of(other)
    assert {p.article_key for p in a}.isdisjoint({p.article_key for p in b})
    assert {p.truth.original_source for p in a}.isdisjoint({p.truth.original_source for p in b})
    assert {p.truth.title for p in a}.isdisjoint({p.truth.title for p in b})
    kinds = ["recommend", "copyright_statement", "back_to_top", "search", "footer", "date_line"]
    if "fresh" in (one, other):
        kinds.append("credit")  # fresh shares no credit wording either
    for kind in kinds:
        texts_a = {c.text for p in a for c in p.truth.clutter if c.kind == kind}
        texts_b = {c.text for p in b for c in p.truth.clutter if c.kind == kind}
        assert texts_a and texts_b and texts_a.isdisjoint(texts_b), kind


def _templates():
    for language in LANGUAGES:
        data = load_language_tables(language, TEMPLATES)
        yield from _tables(f"lang_{language}.toml", data)
    yield from _tables("layout.toml", tomllib.loads((TEMPLATES / "layout.toml").read_text("utf-8")))


def _tables(name, data):
    for kind, table in data.items():
        if isinstance(table, dict) and "dev" in table:
            yield name, kind, table


def test_template_wordings_are_disjoint_between_dev_and_holdout():
    # "Source: {outlet}" is what nearly every copy writes; the Chinese site prefixes and
    # licence line were code before they became data, and stayed the same for both.
    shared_by_design = {"credit", "site_prefixes", "icp"}
    for name, kind, table in _templates():
        if kind not in shared_by_design:
            overlap = set(table["dev"]) & set(table["holdout"])
            assert not overlap, (name, kind, overlap)


def test_fresh_wordings_are_new_in_every_table():
    for name, kind, table in _templates():
        seen = {w.casefold() for w in table["dev"] + table["holdout"]}
        assert len(table["fresh"]) >= len(table["holdout"]), (name, kind)
        reused = [w for w in table["fresh"] if w.casefold() in seen]
        assert not reused, (name, kind, reused)


def test_fresh_wordings_keep_the_placeholders_of_their_table():
    placeholder = re.compile(r"\{(\w+)\}")
    for name, kind, table in _templates():
        known = {p for w in table["dev"] + table["holdout"] for p in placeholder.findall(w)}
        for wording in table["fresh"]:
            assert set(placeholder.findall(wording)) <= known, (name, kind, wording)
        if kind in ("prev_next", "read_more"):
            assert all("{headline}" in w for w in table["fresh"]), (name, kind)


def test_english_bodies_are_split_three_ways_and_dev_keeps_its_positions():
    splits = [english_split(position) for position in range(12)]
    assert splits[0::2] == ["dev"] * 6
    assert splits[1::4] == ["holdout"] * 3 and splits[3::4] == ["fresh"] * 3


def test_every_split_has_its_own_articles_in_every_language(ground_truth):
    keys = {split: load_sources(split, ground_truth) for split in SPLITS}
    for language in LANGUAGES:
        per_split = [{a.key for a in keys[split][language]} for split in SPLITS]
        assert all(per_split), language
        assert sum(map(len, per_split)) == len(set().union(*per_split)), language


def test_fresh_pages_have_their_own_rng_stream(pages_of):
    dev, fresh = pages_of("dev"), pages_of("fresh")
    assert [p.page_id.split("-")[0] for p in fresh] == ["fresh"] * PAGES
    assert sum(a.url != b.url for a, b in zip(dev, fresh, strict=True)) == PAGES


def test_short_clutter_lines_match_only_whole_lines():
    index = TextIndex("Stocks rose to the top of the range.\nTop")
    assert index.holds("Top")
    assert not TextIndex("Stocks rose to the top of the range.").holds("Top")
    assert TextIndex("Intro.\nBack to top of page now").holds("Back to top")
    assert TextIndex("…继续阅读返回顶部").holds("返回顶部")
    assert tokens("Home | World") == ("home", "world")


def test_dev_extra_wordings_join_dev_only(tmp_path):
    (tmp_path / "lang_xx.toml").write_text(
        'months = ["Jan"]\n[search]\ndev = ["Find"]\nholdout = ["Seek"]\nfresh = ["Hunt"]\n',
        encoding="utf-8")
    (tmp_path / "dev_extra_xx.toml").write_text('search = ["Look up", "Find"]\n', encoding="utf-8")
    assert load_wordings("xx", "dev", tmp_path).options("search") == ("Find", "Look up")
    assert load_wordings("xx", "holdout", tmp_path).options("search") == ("Seek",)
    assert load_wordings("xx", "fresh", tmp_path).options("search") == ("Hunt",)


def test_dev_extra_wordings_must_name_a_known_table(tmp_path):
    (tmp_path / "lang_xx.toml").write_text(
        'months = ["Jan"]\n[search]\ndev = ["Find"]\nholdout = ["Seek"]\nfresh = ["Hunt"]\n',
        encoding="utf-8")
    (tmp_path / "dev_extra_xx.toml").write_text('serch = ["Look up"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="serch"):
        load_wordings("xx", "dev", tmp_path)
