"""Speed shortcuts of the outlet gazetteer answer exactly as the code they replace."""

import re

import pytest

from extractors.outlets import _GATE, _GATE_WORDS, GAZETTEER, _latin_name_at, _names_in

LINES = [
    "Via Reuters", "Crédits : AFP", "foo—bar (baz)", "a\u3000b", "x_y", "Le Monde/AFP",
    "“The Guardian”", "BBC News 65353 views", "据Reuters报道", "  ", "", "Ouest-France",
    "Mail & Guardian · 12:01", "STRASSE ß", "[CNN] – by Jane Doe", "tab\there\x1cnext",
]


@pytest.mark.parametrize("line", LINES)
def test_gate_words_are_the_translated_split(line):
    folded = line.casefold()
    assert _GATE_WORDS.findall(folded) == folded.translate(_GATE).split()


def test_the_regex_whitespace_is_str_whitespace():
    space = re.compile(r"\s")
    assert all(chr(i).isspace() == bool(space.match(chr(i))) for i in range(0x3100))


@pytest.mark.parametrize("line", LINES)
def test_names_skip_only_words_no_name_starts_with(line):
    words = list(re.finditer(r"[^\W_\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+", line))
    folded = [m.group(0).casefold() for m in words]
    for index, word in enumerate(folded):
        if word not in GAZETTEER.latin_lengths:
            assert _latin_name_at(line, words, folded, index, GAZETTEER) is None


def test_names_are_still_found():
    assert [n.text for n in _names_in("Via Reuters", GAZETTEER)] == ["Reuters"]
    assert [n.text for n in _names_in("Le Monde/AFP", GAZETTEER)] == ["Le Monde", "AFP"]
