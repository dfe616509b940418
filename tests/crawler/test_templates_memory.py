"""Site template memory on a site whose clutter the generic rules miss (English and Chinese)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crawler.state import LineStats, SQLiteStateStore
from crawler.templates import TemplateMemory, TemplatePolicy, learn_and_strip, strip_template
from extractors import DEFAULT_LEXICON, content_hash, count_words, extract
from extractors.lexicon import fold_line as fold

from .templated_site import CLUTTER, SUBHEADING, make_pages

SITE = "lanternfold.example"


def _records(count: int, language: str, seed: int = 5):
    pages = make_pages(count, language, seed)
    return pages, [extract(p.html(), f"https://www.{SITE}{p.path}") for p in pages]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_invented_clutter_gets_past_the_generic_rules(language):
    """The premise of the tests below: without template memory the clutter is delivered."""
    _, records = _records(3, language)
    for phrase in (CLUTTER[language][0], CLUTTER[language][1]):
        assert DEFAULT_LEXICON.first_match(phrase) is None
        assert all(phrase in r.text for r in records)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_learned_template_is_stripped_and_no_body_line_is_lost(language):
    pages, records = _records(24, language)
    with SQLiteStateStore.open() as store:
        stripped = learn_and_strip(records, TemplateMemory(store.templates))
    for page, record in zip(pages, stripped, strict=True):
        for phrase in CLUTTER[language]:
            assert phrase not in record.text and phrase not in record.markdown
        for paragraph in page.paragraphs:  # the recurring subheading included
            assert paragraph in record.text and paragraph in record.markdown
        removed = [r for r in record.extraction.removed if r.rule == f"template:{SITE}"]
        assert removed and f"template:{SITE}" in record.extraction.rules_fired
        assert record.word_count == count_words(record.text)
        assert record.content_hash == content_hash(record.text)
        assert "\n\n\n" not in record.text and not record.text.startswith("\n")
    assert sum(SUBHEADING[language] in r.text for r in stripped) >= 0.5 * len(stripped)


def test_too_few_pages_teach_nothing():
    _, records = _records(4, "en")
    with SQLiteStateStore.open() as store:
        stripped = learn_and_strip(records, TemplateMemory(store.templates))
    assert stripped == records


def test_memory_persists_per_site_and_strips_the_next_run_at_once(tmp_path):
    path = tmp_path / "state.sqlite"
    _, records = _records(15, "en")
    with SQLiteStateStore.open(path) as store:
        memory = TemplateMemory(store.templates)
        for record in records:
            memory.observe(record)
        memory.save()
        store.commit()
    _, fresh = _records(1, "en", seed=99)  # a page the memory never saw
    with SQLiteStateStore.open(path) as store:
        memory = TemplateMemory(store.templates)
        cleaned = memory.strip(fresh[0])
        assert store.templates.sites() == [SITE]
        assert memory.learner("other.example").template() == {}
    assert all(phrase not in cleaned.text for phrase in CLUTTER["en"])
    assert cleaned.text != fresh[0].text


def test_a_line_equal_to_the_title_is_never_stripped():
    _, records = _records(1, "zh")
    # The extractor already drops a headline repeated above the story; a record that still
    # quotes its headline as a body line (a page the rule misses) must not lose it either.
    record = records[0]
    title_line = record.title
    text = f"{title_line}\n\n{record.text}"
    record = replace(record, text=text, markdown=f"{title_line}\n\n{record.markdown}",
                     word_count=count_words(text), content_hash=content_hash(text))
    template = {"x": "x"}
    template[fold(title_line)] = title_line
    assert strip_template(record, template, SITE) == record


def test_a_page_that_would_be_left_empty_keeps_everything():
    _, records = _records(1, "en")
    record = records[0]
    everything = {fold(line): line for line in record.text.split("\n") if line.strip()}
    assert strip_template(record, everything, SITE) == record


def test_policy_thresholds():
    policy = TemplatePolicy(min_pages=5, min_share=0.3, window=100, max_words=40)

    def line(pages, interior=0, words=5):
        return LineStats("k", "k", pages, interior, words, 1)

    assert policy.is_template(line(5), site_pages=10)
    assert not policy.is_template(line(4), site_pages=4)  # too few pages
    assert not policy.is_template(line(5), site_pages=50)  # 10% of the site
    assert policy.is_template(line(30), site_pages=10_000)  # share counted within the window
    assert not policy.is_template(line(10, words=41), site_pages=10)  # a paragraph
    assert not policy.is_template(line(10, interior=6), site_pages=10)  # inside articles
