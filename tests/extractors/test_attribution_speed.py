"""find_credit's one-search gate answers exactly as the scans it stands in front of.

``_find_credit_reference`` is find_credit as it was before the gate: each scan behind its
own cheap look. The new one must answer alike on crafted lines and every fixture line.
"""

import json
from pathlib import Path

import pytest

from extractors.attribution import (
    _CJK,
    _LABEL_SEPARATORS,
    CREDITS,
    MAX_LINE_CHARS,
    _case_blind_word,
    _first_credit_word,
    _font_size_switch,
    _holds_any,
    _labelled,
    _led,
    _may_hold_latin_label,
    _phrased,
    _trailed,
    find_credit,
    load_credit_lexicon,
)
from tests.extractors.fixture_lines import FIXTURES, expected_lines, fixture_lines


def _find_credit_reference(line, lexicon=None):
    """find_credit before the gate (the reference the new spelling is held to)."""
    lexicon = lexicon or CREDITS
    if len(line) > MAX_LINE_CHARS:
        return None
    has_colon = ":" in line or "：" in line or not _LABEL_SEPARATORS.isdisjoint(line)
    has_cjk = _CJK.search(line) is not None
    lowered = line.lower()
    has_phrase = _holds_any(lowered, lexicon.phrase_anchor_finder, lexicon.phrase_anchors)
    found = []
    if has_colon:
        if _may_hold_latin_label(line, lowered, lexicon):
            found.append(_labelled(line, lexicon.latin_labels, lexicon, check_word_before=True))
        if has_cjk:
            found.append(_labelled(line, lexicon.cjk_labels, lexicon, check_word_before=False))
    if has_cjk:
        found.append(_labelled(line, lexicon.bare_labels, lexicon, check_word_before=False))
    if has_phrase:
        found.append(_phrased(line, lexicon))
    if not found or all(credit is None for credit in found):
        found.append(_led(line, lexicon))
    if (all(credit is None for credit in found)
            and _case_blind_word(line, lowered, lexicon.trail_words) is not None
            and lexicon.trails.search(line)):
        found.append(_trailed(line, lexicon))
    candidates = [credit for credit in found
                  if credit is not None and not _font_size_switch(line[credit.start:])]
    return min(candidates, key=lambda c: c.start) if candidates else None


CRAFTED = [
    "Source: AFP", "SOURCE : Reuters", "Quelle: dpa", "Fuente - El País", "Via Axios",
    "Originally published on Grist", "ORIGINALLY   PUBLISHED IN The Guardian",
    "Nachrichtenquelle: ZDF", "Fuente de la noticia: EFE", "Crédits : AFP", "CRÉDITS: AFP",
    "ſource: AFP", "SOURCE İnfo: x", "sourcı: AFP", "Agencıa: EFE", "open source: code",
    "Vİa Reuters", "Vıa Reuters", "ORİGİNALLY PUBLİSHED İN The Guardian",
    "Harzer Tageblatt berİchtet", "Harzer Tageblatt berıchtet", "Fuente - El País İ",
    "The minister said on Monday that the plan would go ahead.", "来源：新华社", "Credit — AFP",
    "Médias: France 24", "D'après l'AFP", "D’APRÈS: Le Monde", "Photo: Jane Doe", "",
    "Publié initialement dans Le Monde", "Article original | Le Temps", "Mit Material von dpa",
    "By Jane Doe", "Von Anna Schmidt", "<date> Von ZDF", "12.03.2021 Von ZDF", "BY REUTERS",
    "Harzer Tageblatt berichtet", "Coastal Weekly reports", "滨江晚报供稿", "据滨江晚报报道",
    "As reported by Grist", "This article first appeared on The Guardian",
    "This article originally appeared on Axios.", "Fuente: pequeño | mediano | grande",
    "Courtesy of NBC News", "Selon Le Monde, la France a dit", "Tomado de El Heraldo",
    "Nach einem Bericht von HNA", "Este artículo apareció primero en El Heraldo de México.",
    "by", " by ", "by Reuters", "from", "Story via X", "Noticia vía EFE", "Posted on Grist",
    "Lu 16187 fois", "Published on 12 March 2021 source:X 2310 views", "(Source: NASA)",
    "Reuters reported on Monday that prices rose.", "x" * 301, "Source: " + "x" * 295,
    "\u0307", "i\u0307", "ı", "ſ", "İ", "ß: AFP", "STRASSE: AFP", "Ｓｏｕｒｃｅ：ＡＦＰ",
]




ALL_LINES = CRAFTED + fixture_lines(MAX_LINE_CHARS + 20) + expected_lines()


def _as_tuple(credit):
    return None if credit is None else (credit.outlet, credit.start, credit.end, credit.kind)


def test_the_lines_are_many():
    assert len(ALL_LINES) > 500


@pytest.mark.parametrize("line", ALL_LINES)
def test_find_credit_answers_as_before(line):
    assert _as_tuple(find_credit(line)) == _as_tuple(_find_credit_reference(line))


@pytest.mark.parametrize("line", ALL_LINES)
def test_the_gate_says_no_only_where_every_scan_gate_says_no(line):
    """Every look the scans take first (phrase anchors, label words, lead-in words, trailing
    words) finds nothing in a CJK-free line the one-search gate turns away."""
    if _CJK.search(line) or _first_credit_word(line.lower(), CREDITS) is not None:
        return
    lowered = line.lower()
    assert not _holds_any(lowered, CREDITS.phrase_anchor_finder, CREDITS.phrase_anchors)
    assert _case_blind_word(line, lowered, CREDITS.latin_label_words) is None
    assert _case_blind_word(line, lowered, CREDITS.trail_words) is None
    assert not _holds_any(f" {lowered} ", CREDITS.lead_gate_finder, CREDITS.lead_gate)
    assert CREDITS.latin_labels.search(line) is None and CREDITS.trails.search(line) is None


@pytest.mark.parametrize("line", ALL_LINES)
def test_no_scan_word_begins_before_the_gates_start(line):
    """Each scan's own look, begun where the gate says the first word may start, finds what
    it finds from the line's start."""
    from extractors.attribution import _first_credit_word

    lowered = line.lower()
    start = _first_credit_word(lowered, CREDITS)
    if start is None:
        return
    padded = f" {lowered} "
    for finder, text in ((CREDITS.phrase_anchor_finder, lowered),
                         (CREDITS.latin_label_words, lowered), (CREDITS.trail_words, lowered),
                         (CREDITS.lead_gate_finder, padded)):
        whole, later = finder.search(text), finder.search(text, start)
        assert (whole and whole.span()) == (later and later.span())
    for words in (CREDITS.latin_label_words, CREDITS.trail_words):
        assert _case_blind_word(line, lowered, words, start) == _case_blind_word(
            line, lowered, words)


def test_only_the_lead_gate_words_carry_spaces():
    """The gate searches " <lowered line> ": a word without spaces at its ends is found there
    exactly when it is in the lowered line (the lead gate is searched so padded itself)."""
    import tomllib
    from importlib import resources

    from extractors.attribution import _label_words

    text = resources.files("extractors").joinpath("data/attribution.toml").read_text("utf-8")
    data = tomllib.loads(text)
    labels = [x for values in data["labels"].values() for x in values if not _CJK.search(x)]
    words = [*CREDITS.phrase_anchors, *_label_words([*labels, *data["label_stems"]["stems"]]),
             *_label_words(data["leads"]["trails"])]
    assert all(word == word.strip() and word for word in words)


def test_a_lexicon_without_the_finder_takes_every_scan():
    import dataclasses

    bare = dataclasses.replace(CREDITS, credit_word_finder=None)
    for line in CRAFTED:
        assert _as_tuple(find_credit(line, bare)) == _as_tuple(_find_credit_reference(line))


def test_the_gate_is_built_with_the_lexicon():
    from importlib import resources

    text = resources.files("extractors").joinpath("data/attribution.toml").read_text("utf-8")
    assert load_credit_lexicon(text).credit_word_finder is not None


# ---------------------------------------------------------------- the page's meta lines


def _page_credits_reference(page_lines, lines, lexicon, known):
    """find_original_source's page loop before the middle lines were folded lazily."""
    from extractors.attribution import (
        PAGE_LINE_CHARS,
        _fold,
        _gazetteer_credit,
        _middle_lines,
    )
    from extractors.outlets import page_outlet_credits

    middle = _middle_lines(lines)
    page_credits = []
    page_outlets = page_outlet_credits(page_lines)
    for line in page_lines:
        if _fold(line) in middle:
            continue
        credit = (known[line] if line in known else find_credit(line, lexicon)) \
            or _gazetteer_credit(page_outlets.get(line))
        if credit is not None and (len(line) <= PAGE_LINE_CHARS or credit.start == 0):
            page_credits.append(credit)
    return page_credits


STORY = "\n\n".join(["The council met on Tuesday to vote on the new budget for the town."] * 8)
CREDIT_LINES = (
    "Source: Reuters", "Via AFP", "Photo: Jane Doe, AP", "Source: NASA", "Courtesy of BBC News",
    "By REUTERS", "来源：新华社", "  Source:   Reuters ", "SOURCE: REUTERS",
    "A long caption about the chart that runs on and on for many words before it ends with "
    "a credit to its maker, as captions do on the pages that carry them (Source: NASA)",
)


def _arrangements(page_lines: tuple[str, ...], body: str) -> list[str]:
    """The page's lines at the body's edges, in its middle (folded alike or not), or not in
    it at all."""
    inner = "\n\n".join(page_lines)
    folded = "\n\n".join(" ".join(x.upper().split()) + "  " for x in page_lines)
    return [body, f"{STORY}\n\n{inner}\n\n{STORY}", f"{inner}\n\n{STORY}",
            f"{STORY}\n\n{folded}\n\n{STORY}", f"{STORY}\n\n{body}\n\n{STORY}"]


def _fixture_pages():
    from lxml import html as lxml_html

    from extractors.metadata import extract_page_metadata

    for page in sorted(FIXTURES.glob("*/*/input.html")):
        expected = json.loads((page.parent / "expected.json").read_text("utf-8"))
        meta = extract_page_metadata(lxml_html.document_fromstring(page.read_bytes()),
                                     expected.get("url"))
        yield meta.meta_lines, dict(meta.line_credits), expected.get("text") or ""


def _same_page_credits(page_lines, text, known):
    from extractors.attribution import _page_credits

    lines = text.split("\n")
    assert _page_credits(page_lines, lines, CREDITS, known) == _page_credits_reference(
        page_lines, lines, CREDITS, known)


@pytest.mark.parametrize("index", range(len(CREDIT_LINES)))
def test_page_credits_as_before_on_crafted_pages(index):
    page_lines = (*CREDIT_LINES[index:], *CREDIT_LINES[:index])
    for text in _arrangements(page_lines, STORY):
        _same_page_credits(page_lines, text, {})
        _same_page_credits(page_lines, text, {CREDIT_LINES[index]: None})


def test_page_credits_as_before_on_every_fixture_page():
    pages = list(_fixture_pages())
    assert len(pages) > 30
    for page_lines, known, body in pages:
        for lines in (page_lines, page_lines + CREDIT_LINES):
            for text in _arrangements(lines, body):
                _same_page_credits(lines, text, known)
                _same_page_credits(lines, text, {})


# ---------------------------------------------------------------- the body's edges


def _edge_indexes_reference(lines):
    from extractors.attribution import EDGE_BOTTOM_LINES, EDGE_TOP_LINES

    filled = [i for i, line in enumerate(lines) if line.strip()]
    head, tail = filled[:EDGE_TOP_LINES], filled[-EDGE_BOTTOM_LINES:]
    return head + [i for i in tail if i not in head]


def _dateline_credit_reference(lines, lexicon):
    """_dateline_credit before it stopped at the first non-blank lines."""
    import extractors.attribution as attribution

    first = [x.strip() for x in lines if x.strip()][:attribution.DATELINE_LINES]
    return attribution._dateline_credit(first, lexicon)


def _bodies() -> list[list[str]]:
    import random

    rng = random.Random(7)
    shapes = ["", " ", "\t", "\u3000", "x", " LONDON (Reuters) - The minister said",
              "Berlin (dpa) - Die", "新华社北京3月5日电", "(AP) — A storm", "text", "\x1c"]
    bodies = [[rng.choice(shapes) for _ in range(rng.randrange(0, 40))] for _ in range(400)]
    for path in sorted(FIXTURES.glob("*/*/expected.json")):
        text = json.loads(Path(path).read_text("utf-8")).get("text") or ""
        bodies.append(text.split("\n"))
    return [*bodies, [], [""], ["a"], [" "] * 30, ["a"] * 16, ["a"] * 17, ["a", ""] * 9]


def test_edge_indexes_as_before():
    from extractors.attribution import _edge_indexes

    for lines in _bodies():
        assert _edge_indexes(lines) == _edge_indexes_reference(lines), lines


def test_datelines_as_before():
    from extractors.attribution import _dateline_credit

    found = 0
    for lines in _bodies():
        credit = _dateline_credit(lines, CREDITS)
        assert credit == _dateline_credit_reference(lines, CREDITS)
        found += bool(credit)
    assert found > 10


# ---------------------------------------------------------------- the gate's finder


def _gate_words() -> list[str]:
    import tomllib
    from importlib import resources

    from extractors.attribution import _CASE_TWINS_LOWERED, _label_words

    text = resources.files("extractors").joinpath("data/attribution.toml").read_text("utf-8")
    data = tomllib.loads(text)
    labels = [x for values in data["labels"].values() for x in values if not _CJK.search(x)]
    return [*CREDITS.phrase_anchors, *_label_words([*labels, *data["label_stems"]["stems"]]),
            *CREDITS.lead_gate, *_label_words(data["leads"]["trails"]), *_CASE_TWINS_LOWERED]


def _random_texts(words: list[str], count: int) -> list[str]:
    """Texts of the words' own characters, pieces of words and whole words run together (the
    lookbehinds at the text's start and words overlapping one another)."""
    import random

    rng = random.Random(11)
    alphabet = sorted({ch for word in words for ch in word} | set(" e.1"))
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randrange(1, 6)):
            word = rng.choice(words)
            cut = rng.randrange(len(word) + 1)
            parts.append(rng.choice([word, word[:cut], word[cut:], rng.choice(alphabet)]))
        texts.append("".join(parts))
    return texts


def _first_start(words: list[str], text: str) -> int | None:
    starts = [text.find(word) for word in words if word in text]
    return min(starts) if starts else None


def test_the_rare_letter_finder_finds_what_a_literal_search_finds():
    from extractors.attribution import _first_credit_word

    words = _gate_words()
    finder, reach = CREDITS.credit_word_finder, CREDITS.credit_word_reach
    texts = [f" {line.lower()} " for line in ALL_LINES] + _random_texts(words, 20000)
    held = 0
    for text in texts:
        first = _first_start(words, text)
        found = finder.search(text)
        assert (found is not None) == (first is not None), text
        if found is not None:
            held += 1
            assert found.start() - reach <= first <= found.start(), text
    assert held > 5000
    for line in ALL_LINES:
        lowered = line.lower()
        first = _first_start(words, f" {lowered} ")
        start = _first_credit_word(lowered, CREDITS)
        assert (start is None) == (first is None)
        assert start is None or start <= max(0, first - 1)


def test_each_word_is_found_by_its_rarest_character():
    from extractors.attribution import _rare_letter_finder

    words = _gate_words()
    finder, reach = _rare_letter_finder(words)
    assert reach == CREDITS.credit_word_reach
    for word in words:
        for text in (word, f"x{word}", f"{word}x", word.upper(), word[:-1]):
            assert bool(finder.search(text)) == any(w in text for w in words), text


def _word_lists():
    import tomllib
    from importlib import resources

    from extractors.attribution import _label_words

    text = resources.files("extractors").joinpath("data/attribution.toml").read_text("utf-8")
    trails = _label_words(tomllib.loads(text)["leads"]["trails"])
    return [(CREDITS.phrase_anchor_finder, list(CREDITS.phrase_anchors)),
            (CREDITS.lead_gate_finder, list(CREDITS.lead_gate)),
            (CREDITS.trail_words, sorted(trails))]


def test_the_word_finders_find_what_a_literal_search_finds():
    """Searched from the start, or from a position before which no word begins (how
    find_credit searches them), as a literal search of the whole text."""
    import random

    rng = random.Random(5)
    for finder, words in _word_lists():
        texts = [f" {line.lower()} " for line in ALL_LINES] + _random_texts(words, 5000)
        for text in texts:
            first = _first_start(words, text)
            assert (finder.search(text) is not None) == (first is not None), text
            if first is not None:
                pos = rng.randrange(first + 1)
                assert finder.search(text, pos).span() == finder.search(text).span()


def test_no_words_no_finder():
    from extractors.attribution import _rare_letter_search

    assert _rare_letter_search([]) is None
    assert _rare_letter_search(iter(["x"])).search("axb")


def _label_variants() -> list[str]:
    import tomllib
    from importlib import resources

    text = resources.files("extractors").joinpath("data/attribution.toml").read_text("utf-8")
    data = tomllib.loads(text)
    labels = [x for values in data["labels"].values() for x in values if not _CJK.search(x)]
    labels += list(data["label_stems"]["stems"])
    return [f"{before}{form}{sep}X" for label in labels
            for form in (label, label.upper(), label.title())
            for before, sep in (("", ": "), ("Foto", ": "), ("see ", " - "), ("a·", " / "))]


@pytest.mark.parametrize("line", ALL_LINES + _label_variants())
def test_the_label_gate_rules_out_only_lines_without_labels(line):
    """Searched by rarest characters, the label words' gate answers as the former literal
    search did, or else says no where the labels' own search finds nothing."""
    import dataclasses
    import tomllib
    from importlib import resources

    from extractors.attribution import _label_words
    from extractors.regex_literals import literal_finder

    text = resources.files("extractors").joinpath("data/attribution.toml").read_text("utf-8")
    data = tomllib.loads(text)
    labels = [x for values in data["labels"].values() for x in values if not _CJK.search(x)]
    literal = dataclasses.replace(CREDITS, latin_label_words=literal_finder(
        _label_words([*labels, *data["label_stems"]["stems"]])))
    lowered = line.lower()
    new = _may_hold_latin_label(line, lowered, CREDITS)
    old = _may_hold_latin_label(line, lowered, literal)
    assert new == old or (old and CREDITS.latin_labels.search(line) is None)
    if CREDITS.latin_labels.search(line):
        assert new
