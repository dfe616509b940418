"""Speed shortcuts of the credit finder answer exactly as the searches they stand in for."""

import re
import tomllib
from importlib import resources

import pytest

from extractors.attribution import CREDITS, _case_blind_word, _may_hold_latin_label

LINES = [
    "Source: AFP", "SOURCE : Reuters", "Quelle: dpa", "Fuente - El País", "Via Axios",
    "Originally published on Grist", "ORIGINALLY   PUBLISHED IN The Guardian",
    "Nachrichtenquelle: ZDF", "Fuente de la noticia: EFE", "Crédits : AFP", "CRÉDITS: AFP",
    "ſource: AFP", "SOURCE İnfo: x", "sourcı: AFP", "Agencıa: EFE", "open source: code",
    "The minister said on Monday that the plan would go ahead.", "来源：新华社", "Credit — AFP",
    "Médias: France 24", "D'après l'AFP", "D’APRÈS: Le Monde", "Photo: Jane Doe", "",
    "Publié initialement dans Le Monde", "Article original | Le Temps", "Mit Material von dpa",
]


def _data() -> dict:
    text = resources.files("extractors").joinpath("data/attribution.toml").read_text("utf-8")
    return tomllib.loads(text)


def _labels() -> list[str]:
    data = _data()
    labels = [x for values in data["labels"].values() for x in values]
    return labels + list(data["label_stems"]["stems"])


TRAILED = [f"{name} {trail}" for trail in _data()["leads"]["trails"]
           for name in ("Harzer Tageblatt", "滨江晚报", "COASTAL WEEKLY")]


def _variants(label: str) -> list[str]:
    return [f"{form}: X" for form in (label, label.upper(), label.title(), label.capitalize())]


@pytest.mark.parametrize("line", LINES + [v for label in _labels() for v in _variants(label)])
def test_the_label_words_gate_never_hides_a_label(line):
    if CREDITS.latin_labels.search(line):
        assert _may_hold_latin_label(line, line.lower(), CREDITS), line


def test_the_label_words_gate_skips_plain_prose():
    assert CREDITS.latin_label_words is not None
    assert not _may_hold_latin_label("He said: yes", "he said: yes", CREDITS)


@pytest.mark.parametrize("line", LINES)
def test_literal_finders_answer_like_the_word_lists(line):
    lowered = line.lower()
    padded = f" {lowered} "
    assert bool(CREDITS.phrase_anchor_finder.search(lowered)) == any(
        word in lowered for word in CREDITS.phrase_anchors)
    assert bool(CREDITS.lead_gate_finder.search(padded)) == any(
        word in padded for word in CREDITS.lead_gate)


@pytest.mark.parametrize("line", LINES + TRAILED + [x.upper() for x in TRAILED])
def test_the_trail_words_gate_never_hides_a_trailing_word(line):
    assert CREDITS.trail_words is not None
    if CREDITS.trails.search(line):
        assert _case_blind_word(line, line.lower(), CREDITS.trail_words) is not None, line


def test_lowering_sees_every_letter_re_ignorecase_sees():
    """Each character that re's IGNORECASE takes for a letter of a label or trailing word
    lowers (after the case twins are mapped) to that very letter (the basic plane: no other
    plane holds a case form of these letters)."""
    from extractors.attribution import _RE_CASE_TWINS

    data = _data()
    words = [*_labels(), *data["leads"]["trails"]]
    alphabet = sorted({ch for w in words for ch in w.lower() if not ch.isspace()})
    letters = re.compile("[" + "".join(re.escape(ch) for ch in alphabet) + "]", re.IGNORECASE)
    for code in range(0x10000):
        char = chr(code)
        if letters.fullmatch(char):
            lowered = char.translate(_RE_CASE_TWINS).lower()
            for letter in alphabet:
                if re.fullmatch(re.escape(letter), char, re.IGNORECASE):
                    assert lowered == letter, (hex(code), letter)
