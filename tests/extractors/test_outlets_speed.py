"""The gazetteer's faster looks at a line find exactly the names the former ones found.

``_names_in_reference`` is _names_in as it was: a line sharing a character with the first
characters of CJK names (some of them Latin: "BBC中文网", "IT之家") went the long way.
"""


import pytest

from extractors.outlets import (
    _CJK,
    _GATE_WORDS,
    _LATIN_WORD,
    GAZETTEER,
    _cjk_names,
    _latin_name_at,
    _names_in,
    find_outlet_credit,
    page_outlet_credits,
)
from tests.extractors.fixture_lines import expected_lines, fixture_lines


def _names_in_reference(line, gazetteer):
    names = []
    has_cjk = not gazetteer.cjk_first.isdisjoint(line)
    if not has_cjk and gazetteer.anchors.isdisjoint(_GATE_WORDS.findall(line.casefold())):
        return names
    words = list(_LATIN_WORD.finditer(line))
    folded = [m.group(0).casefold() for m in words]
    starts = gazetteer.latin_lengths
    index = 0
    while index < len(words):
        found = (_latin_name_at(line, words, folded, index, gazetteer)
                 if folded[index] in starts else None)
        if found is None:
            index += 1
            continue
        names.append(found)
        while index < len(words) and words[index].start() < found.end:
            index += 1
    if has_cjk:
        names.extend(_cjk_names(line, gazetteer))
        names.sort(key=lambda n: n.start)
    return names


def _cjk_name_list() -> list[str]:
    return GAZETTEER.cjk.pattern.replace("\\", "").split("|")


CRAFTED = [
    "Via Reuters", "Crédits : AFP", "Le Monde/AFP", "据Reuters报道", "BBC中文网", "来源：BBC中文网",
    "Source: BBC中文网 | Reuters", "IT之家 供稿", "Via IT之家", "IT news from Taipei", "FT中文網",
    "Reuters and the BBC", "BBC News", "21世纪经济报道", "本文来自21世纪经济报道 (AFP)",
    "The Guardian, BBC中文 and Reuters", "T", "I", "B", "F", "2", "3", "", "  ", "新华社",
    "Reuters 新华社", "新华社 Reuters", "「新华社」/AFP", "BBC 中文网", "B B C", "Ｂ中文",
]




ALL_LINES = (CRAFTED + [f"Source: {name}" for name in _cjk_name_list()]
             + fixture_lines(200) + expected_lines())


def _spans(names):
    return [(n.text, n.start, n.end) for n in names]


def test_every_cjk_name_holds_a_cjk_character():
    """Why a line without CJK can skip the CJK names: none of them could be in it."""
    names = _cjk_name_list()
    assert len(names) > 50
    assert all(_CJK.search(name) for name in names)
    assert any(not _CJK.match(name) for name in names)  # some start with a Latin character


@pytest.mark.parametrize("line", ALL_LINES)
def test_names_are_found_as_before(line):
    assert _spans(_names_in(line, GAZETTEER)) == _spans(_names_in_reference(line, GAZETTEER))


@pytest.mark.parametrize("line", CRAFTED)
def test_credits_are_found_as_before(line, monkeypatch):
    import extractors.outlets as outlets

    new = [find_outlet_credit(line, labelled=lab, byline=by)
           for lab in (False, True) for by in (False, True)]
    new_page = page_outlet_credits([line])
    monkeypatch.setattr(outlets, "_names_in", _names_in_reference)
    old = [find_outlet_credit(line, labelled=lab, byline=by)
           for lab in (False, True) for by in (False, True)]
    assert new == old and new_page == page_outlet_credits([line])


def _page_outlet_credits_reference(lines, gazetteer=None):
    """page_outlet_credits before each line's first word was found once."""
    from collections import Counter

    from extractors.outlets import _first_word

    gazetteer = gazetteer or GAZETTEER
    unique = set(lines)
    leads = Counter(_first_word(line) for line in unique)
    found = {}
    for line in unique:
        byline = _first_word(line) in gazetteer.byline_words and leads[_first_word(line)] == 1
        credit = find_outlet_credit(line, gazetteer, labelled=True, byline=byline)
        if credit is not None:
            found[line] = credit
    return found


BYLINES = ["By REUTERS", "By JERUSALEM POST STAFF", "Par AFP", "Von dpa", "By Jane Doe, CNN",
           "BY Reuters", "by AFP", "Via Reuters", "Source: AFP", "Por EFE", "Par AFP · 12:01"]


@pytest.mark.parametrize("count", range(len(BYLINES) + 1))
def test_page_credits_as_before_on_crafted_lines(count):
    for lines in (BYLINES[:count], BYLINES[count:] + BYLINES[:count] * 2, CRAFTED + BYLINES):
        found = page_outlet_credits(lines)
        assert found == _page_outlet_credits_reference(lines)
        assert list(found) == list(_page_outlet_credits_reference(lines))


def test_page_credits_as_before_on_fixture_lines():
    lines = fixture_lines(200) + expected_lines()
    for start in range(0, len(lines), 40):  # pages of 40 lines, and each page with the bylines
        for page in (lines[start: start + 40], lines[start: start + 40] + BYLINES):
            assert page_outlet_credits(page) == _page_outlet_credits_reference(page)
