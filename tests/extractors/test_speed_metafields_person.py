"""The person pattern without its role branches, used on a line holding none of the role
stems, takes out exactly what the whole person pattern takes out (same text, same count):
on every short text of the fixture pages, crafted lines and random strings. The stems are
found case-blind exactly as the role finds them."""

from __future__ import annotations

import random
import re
import tomllib
from importlib import resources

from extractors.metafields import _FIELD, MAX_CHARS, META_FIELDS

from .fixture_lines import fixture_lines

CRAFTED = [
    "Light a Wish by OGE Group", "Copy editor: Jane Doe", "Fact-checked by Jane Doe",
    "Chef vom Dienst: Hans Meier", "Responsable de la rédaction : Élodie Durand",
    "来稿编辑：王明", "Reviewed by John Roe", "EDITOR: JANE DOE", "Ed. Jane", "By Jane Doe",
    "Von Anna Schmidt und Tom Berg", "文/王明", "Main image credit: Getty", "Photo: AP",
    "Korrektur — Tom Berg", "ſupervised by Ann Lee", "KORREKTUR: Tom", "proofreaD by Al",
    "Kurator | Max Mustermann", "Periodista: Ana Ruiz (EFE)", "Reporter Jane Doe",
]


def _fixture_lines() -> list[str]:
    return fixture_lines(MAX_CHARS)


def _random_lines(count: int) -> list[str]:
    rng = random.Random(5)
    words = ["editor", "Jane", "Doe", "by", "von", "REDAK", "check", "Ann", ":", "|", "编辑",
             "王明", "x", "de", "Review", "é", "-", "/", "ſ", "\u212a", _FIELD, "12"]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(1, 9))) for _ in range(count)]


def _person_as_used(line: str) -> tuple[str, int]:
    lexicon = META_FIELDS
    pattern = (lexicon.person if lexicon.role_stems.search(line)
               else lexicon.person_without_role)
    return pattern.subn(f" {_FIELD} ", line)


def test_without_role_takes_out_what_the_whole_pattern_does():
    lines = [*CRAFTED, *_fixture_lines(), *_random_lines(3000)]
    assert len(lines) > 3500
    for line in lines:
        assert _person_as_used(line) == META_FIELDS.person.subn(f" {_FIELD} ", line), line


def test_role_stems_are_found_as_the_role_finds_them():
    text = resources.files("extractors").joinpath("data/metafields.toml").read_text("utf-8")
    stems = [x.lower() for x in tomllib.loads(text)["people"]["role_stems"]]
    flat = re.compile("|".join(re.escape(x) for x in stems), re.IGNORECASE)
    for line in [*CRAFTED, *_random_lines(2000), "ÉDITEUR", "RÉDAC", "Prüfung", "PRÜF"]:
        assert bool(META_FIELDS.role_stems.search(line)) == bool(flat.search(line)), line
