"""trafilatura is run one level below ``bare_extraction`` (``body.trafilatura_body``), which
spares its copy of the whole page: the body it returns must be the one ``bare_extraction``
returned, on every fixture page, for every option it is built from. trafilatura's
``trafilatura_sequence`` is internal: the shortcut is taken on the trafilatura versions it was
checked against only, and on those its signature and what ``trafilatura_body`` reads of the
extractor are checked here too; any other version gets ``bare_extraction`` itself."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from trafilatura.core import trafilatura_sequence
from trafilatura.settings import DEFAULT_CONFIG, Extractor

import extractors.body as body_module
from extractors.body import (
    _CJK_CONFIG,
    TRAFILATURA_VERSIONS_CHECKED,
    _extractor,
    _trafilatura_config,
    trafilatura_body,
)
from extractors.clean_dom import clean_dom
from extractors.decoding import decode_html
from extractors.lexicon import DEFAULT_LEXICON
from extractors.options import ExtractOptions
from extractors.parsing import parse_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FIXTURE_PAGES = sorted(FIXTURES.glob("*/*/input.html"))
VARIANTS = [ExtractOptions(), ExtractOptions(favor="precision"), ExtractOptions(favor="recall"),
            ExtractOptions(include_comments=True), ExtractOptions(include_tables=False)]


def reference_body(tree, url, options, config) -> bytes | None:
    """The call extract_body made before: bare_extraction, which copies ``tree`` first."""
    body = body_module.bare_extraction_body(tree, url, options, config)
    return None if body is None else etree.tostring(body, encoding="unicode")


def _tree(raw: bytes, url: str | None):
    """The tree extract_body hands trafilatura: parsed as extract() parses, boxes cleaned."""
    tree = parse_html(decode_html(raw, None, url).text, 400, url)
    list(clean_dom(tree, DEFAULT_LEXICON))
    return tree


def _assert_same(raw: bytes, url: str | None, options: ExtractOptions, config=None) -> None:
    old_tree, new_tree = _tree(raw, url), _tree(raw, url)
    config = config or _trafilatura_config(old_tree)
    expected = reference_body(old_tree, url, options, config)
    body = trafilatura_body(new_tree, url, options, config)
    assert (None if body is None else etree.tostring(body, encoding="unicode")) == expected


def test_the_shortcut_is_taken_on_a_checked_version_only():
    installed = trafilatura.__version__ in TRAFILATURA_VERSIONS_CHECKED
    assert body_module._SEQUENCE_CHECKED is installed


def test_an_unchecked_version_gets_bare_extraction(monkeypatch):
    # bare_extraction works on a copy: the tree handed over comes back untouched (the
    # shortcut prunes it in place), and the body is the one expected.
    monkeypatch.setattr(body_module, "_SEQUENCE_CHECKED", False)
    url = "https://news.example.com/a/1.html"
    raw = FIXTURE_PAGES[0].read_bytes()
    tree = _tree(raw, url)
    before = etree.tostring(tree)
    body = trafilatura_body(tree, url, ExtractOptions(), DEFAULT_CONFIG)
    assert etree.tostring(tree) == before
    expected = reference_body(_tree(raw, url), url, ExtractOptions(), DEFAULT_CONFIG)
    assert body is not None and etree.tostring(body, encoding="unicode") == expected


@pytest.mark.skipif(not body_module._SEQUENCE_CHECKED,
                    reason="this trafilatura is not a checked one: bare_extraction runs")
def test_the_internals_relied_on_are_there():
    assert list(inspect.signature(trafilatura_sequence).parameters) == ["tree", "options", "url"]
    for name in ("max_tree_size", "min_output_size", "min_output_comm_size"):
        assert name in Extractor.__slots__


@pytest.mark.parametrize("page", FIXTURE_PAGES,
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_fixture_pages_give_bare_extractions_body(page: Path):
    url = "https://news.example.com/a/1.html"
    for options in VARIANTS:
        _assert_same(page.read_bytes(), url, options)
    for config in (DEFAULT_CONFIG, _CJK_CONFIG):  # each page under both configs
        _assert_same(page.read_bytes(), url, ExtractOptions(), config)
    _assert_same(page.read_bytes(), None, ExtractOptions())


def test_pages_trafilatura_finds_nothing_on_give_none():
    for html in (b"<html><body></body></html>", b"<html><body><p>x</p></body></html>",
                 b"<html><head><title>t</title></head><body><div>  </div></body></html>"):
        _assert_same(html, None, ExtractOptions())


def test_a_short_tree_limit_strips_then_refuses_as_bare_extraction_does():
    config = DEFAULT_CONFIG.__class__()
    config.read_dict(DEFAULT_CONFIG)
    paragraphs = "".join(f"<p>Paragraph {n} of the story, with <b>bold</b> words in it.</p>"
                         for n in range(40))
    html = f"<html><body><article>{paragraphs}</article></body></html>".encode()
    for limit in ("1", "5", "39", "40", "1000"):
        config.set("DEFAULT", "MAX_TREE_SIZE", limit)
        _assert_same(html, None, ExtractOptions(), config)


URLS = [None, "", "https://news.example.com/a/1.html", "/relative", "https://x.org/\ud800lone"]
OPTION_SETS = [ExtractOptions(favor=favor, include_comments=comments, include_tables=tables)
               for favor in ("balanced", "precision", "recall", "other")
               for comments in (False, True) for tables in (False, True)]


def _slots(extractor: Extractor) -> dict:
    values = {name: getattr(extractor, name) for name in Extractor.__slots__}
    # The date search bounds hold the moment the Extractor was built; they are read only
    # with metadata on, which trafilatura_body never asks for.
    assert values["with_metadata"] is False
    values["date_params"] = {k: v for k, v in values["date_params"].items() if k != "max_date"}
    return values


@pytest.mark.parametrize("options", OPTION_SETS, ids=repr)
def test_extractors_are_the_ones_bare_extraction_builds(options: ExtractOptions):
    for config in (DEFAULT_CONFIG, _CJK_CONFIG, _config_of_our_own()):
        for url in URLS:
            fresh = Extractor(config=config, output_format="txt", fast=True,
                              precision=options.favor == "precision",
                              recall=options.favor in ("balanced", "recall"),
                              comments=options.include_comments, tables=options.include_tables,
                              url=url, with_metadata=False)
            assert _slots(_extractor(url, options, config)) == _slots(fresh)


def _config_of_our_own():
    config = DEFAULT_CONFIG.__class__()
    config.read_dict(DEFAULT_CONFIG)
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "5")
    return config
