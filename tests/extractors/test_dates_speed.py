"""``find_date`` skips the named-month forms on texts without a run of month-name characters
as long as the shortest month name (ISO values, most meta and JSON-LD dates): it finds what
the version that always searched every form found. The reference below is that version;
both run on crafted texts, random texts, every fixture page's texts and <meta> values, and
a lexicon with short and odd month names.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from extractors.dates import (
    DATES,
    DateLexicon,
    FoundDate,
    _convert,
    find_date,
    load_date_lexicon,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FIXTURE_PAGES = sorted(FIXTURES.glob("*/*/input.html"))
DATES_TOML = Path(__file__).resolve().parents[2] / "extractors" / "data" / "dates.toml"


def reference_find_date(text: str, order: str = "dmy", lexicon: DateLexicon | None = None
                        ) -> FoundDate | None:
    """find_date as it was: every form searched."""
    if "19" not in text and "20" not in text:
        return None
    lexicon = lexicon or DATES
    found: list[FoundDate] = []
    for form, pattern in lexicon.patterns:
        for match in pattern.finditer(text):
            result = _convert(form, match, order, lexicon)
            if result is not None:
                found.append(result)
                break
    if not found:
        return None
    first = min(found, key=lambda f: (f.start, -f.end))
    weekday = lexicon.weekday_before.search(text, max(0, first.start - 16), first.start)
    if weekday is None:
        return first
    start = weekday.start()
    return FoundDate(first.iso, text[start: first.end], start, first.end)


CRAFTED = [
    "2019-11-19T13:03:00.000Z", "2019-11-20T06:35:39+0000", "Nov 19, 2019", "19 Nov 2019",
    "19. Nov. 2019", "NOV 19 2019", "19 de noviembre de 2019", "Mardi 3 février 2020 à 07h30",
    "Monday, July 19, 2004", "3 MÄRZ 2020", "3 maerz 2020", "Dec. 1st, 2019 10:30 PM EST",
    "2020年6月4日 15:52", "04/06/2020", "4.6.2020", "Sept 9, 2019", "9 SEPT 2019", "mai 2020",
    "1 ſept 2019", "1 SEPT 2019", "20 Jan 2020", "20Jan2020", "20 ja 2020", "T20 Z2020",
    "2020 June", "June", "", "19", "20", "abc 2019-1-2 def", "jun 2019 12 jul 2020",
]
PIECES = ["2019", "2020", "19", "20", "-", "/", ".", " ", ",", "T", "Z", "12", "3", "31",
          "jan", "Jan", "JUN", "sept", "mär", "août", "déc", "mai", "de", "1st", "10:30", "PM",
          "Monday", "年", "月", "日", "ſ", "K", "İ", "x"]


def _random_texts(count: int, seed: int = 9) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 10))) for _ in range(count)]


def _same(text: str, lexicon: DateLexicon | None = None) -> None:
    for order in ("dmy", "mdy"):
        assert find_date(text, order, lexicon) == reference_find_date(text, order, lexicon), text


@pytest.mark.parametrize("text", CRAFTED)
def test_crafted_texts_give_the_old_dates(text: str):
    _same(text)


def test_random_texts_give_the_old_dates():
    for text in _random_texts(4000):
        _same(text)


def test_short_and_odd_month_names_give_the_old_dates():
    data = DATES_TOML.read_text("utf-8").replace(
        'en = [["january", "jan"]', 'en = [["january", "ja", "ſx"]', 1)
    lexicon = load_date_lexicon(data)
    assert "ja" in lexicon.months and lexicon.month_run.pattern.endswith("{2}")
    for text in [*CRAFTED, "20 ja 2020", "20 JA 2020", "20 ſx 2020", "20 SX 2020", "20 j 2020",
                 *_random_texts(1000, seed=4)]:
        _same(text, lexicon)


def test_the_month_run_matches_every_character_a_month_name_may():
    # every character some month name's letter matches case-blind is in the run's class
    letters = sorted({char for name in DATES.months for char in name})
    any_letter = re.compile("|".join(re.escape(c) for c in letters), re.IGNORECASE)
    run_class = re.compile(DATES.month_run.pattern.rsplit("{", 1)[0], re.IGNORECASE)
    missed = [hex(cp) for cp in range(sys.maxunicode + 1)
              if any_letter.fullmatch(chr(cp)) and not run_class.fullmatch(chr(cp))]
    assert missed == []


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: f"{p.parent.parent.name}/"
                                                             f"{p.parent.name}")
def test_fixture_texts_give_the_old_dates(page: Path):
    tree = lxml_html.document_fromstring(page.read_bytes())
    texts = [" ".join(t.split()) for t in tree.itertext()]
    texts += [m.get("content") or "" for m in tree.iter("meta")]
    for text in texts:
        if text and len(text) <= 400:
            _same(text)
