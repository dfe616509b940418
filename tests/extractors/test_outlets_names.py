"""The gazetteer ends outlet names right: the longest known name, in its own case."""

from __future__ import annotations

import pytest

from extractors.attribution import find_credit
from extractors.outlets import find_outlet_credit, known_outlet_prefix, load_gazetteer


@pytest.mark.parametrize(("name", "cut"), [
    ("Le Parisien Nombre", "Le Parisien"),
    ("Sky News Editor", "Sky News"),
    ("CBS News\u3000Edited", "CBS News"),
    ("CNN Business", "CNN Business"),  # a known name
    ("Reuters Health", "Reuters Health"),  # a word that continues names
    ("BBC News Mundo", "BBC News Mundo"),
    ("Reuters/AFP", "Reuters/AFP"),  # punctuation joins more to the name: left alone
    ("Acme Valley Gazette", "Acme Valley Gazette"),  # unknown: left alone
    ("新华社客户端", "新华社客户端"),  # CJK names are ended by the lexicon's rules
])
def test_known_outlet_prefix(name: str, cut: str) -> None:
    assert known_outlet_prefix(name) == cut


@pytest.mark.parametrize(("line", "outlet"), [
    ("Source : Le Parisien Nombre de vues 1234", "Le Parisien"),
    ("Source: Sky News Editor", "Sky News"),
    ("Quelle: Süddeutsche Zeitung", "Süddeutsche Zeitung"),
    ("来源：中国新闻网", "中国新闻网"),
])
def test_a_lexicon_credit_ends_at_the_known_name(line: str, outlet: str) -> None:
    credit = find_credit(line)
    assert credit is not None and credit.outlet == outlet


@pytest.mark.parametrize(("line", "outlet"), [
    ("Via BBC News Mundo", "BBC News Mundo"),  # the longest name at a place
    ("Courtesy of The New York Times", "The New York Times"),
    ("Courtesy of the New York Times", "the New York Times"),
    ("VIA REUTERS", "REUTERS"),
    ("Crédits : Ouest-France", "Ouest-France"),
    ("Avec Mail & Guardian", "Mail & Guardian"),
    ("稿件提供：人民日报海外版", "人民日报海外版"),
])
def test_the_name_is_kept_as_written(line: str, outlet: str) -> None:
    found = find_outlet_credit(line)
    assert found is not None and found.outlet == outlet


def test_a_gazetteer_from_toml_text() -> None:
    gazetteer = load_gazetteer(
        '[names]\nen = ["Acme Wire", "The Daily Acme"]\nzh = ["阿克米社"]\n'
        '[name_suffixes]\nwords = ["news"]\n'
        '[lead_in]\nprose = ["said", "was"]\nmedia = ["photo"]\nboxes = ["more"]\n'
        'article = ["this story"]\nauxiliaries = ["was"]\nbyline = ["by"]\n'
        'ends = ["by", "via", "to"]\narticles = ["the"]\n'
    )
    assert find_outlet_credit("Via Acme Wire", gazetteer).outlet == "Acme Wire"
    assert find_outlet_credit("Thanks to the Daily Acme", gazetteer).outlet == "the Daily Acme"
    assert find_outlet_credit("阿克米社 供稿", gazetteer).outlet == "阿克米社"
    assert find_outlet_credit("Via Reuters", gazetteer) is None  # not in this gazetteer
    assert find_outlet_credit("More from Acme Wire", gazetteer) is None
    assert find_outlet_credit("Acme Wire", gazetteer, labelled=True) is None
    assert find_outlet_credit("By Acme Wire", gazetteer, labelled=True) is None
    assert find_outlet_credit("By Acme Wire", gazetteer).outlet == "Acme Wire"
    assert find_outlet_credit("This story was sent by Acme Wire", gazetteer).outlet == "Acme Wire"
    assert find_outlet_credit("It was sent by Acme Wire", gazetteer) is None
    assert known_outlet_prefix("Acme Wire Desk", gazetteer) == "Acme Wire"
    assert known_outlet_prefix("Acme Wire News", gazetteer) == "Acme Wire News"
