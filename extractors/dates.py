"""Dates as pages write them, turned into ISO 8601 without inventing anything.

The rule for the output (``FoundDate.iso``):

- a date and a time with an offset ("+08:00", "Z", "UTC+8", "CEST") -> timezone-aware
  ``2023-06-04T15:52:03+08:00`` (``Z``/``UTC`` become ``+00:00``);
- a date and a time without any zone -> the naive local time as written,
  ``2023-06-04T15:52:03`` (or ``2023-06-04T15:52``): the page did not say which zone, so
  we do not pick one;
- a date alone -> ``2023-06-04``;
- relative dates ("2 hours ago"), two-digit years and impossible dates -> nothing.

The time is as precise as the page says (``15:52`` stays ``15:52``, ``15:52:03`` keeps its
seconds); fractions of a second are dropped.
Month names, label words and zone abbreviations live in ``data/dates.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from importlib import resources
from types import MappingProxyType


@dataclass(frozen=True)
class FoundDate:
    iso: str  # see the module docstring for the exact form
    raw: str  # the substring the page wrote
    start: int  # where ``raw`` starts in the searched text
    end: int


@dataclass(frozen=True)
class DateLexicon:
    """Month names, numeric-order preferences and zones, compiled once from the data file."""

    months: MappingProxyType  # name -> month number
    month_first_locales: frozenset[str]  # "en-us": 04/06/2023 is April 6th there
    zones: MappingProxyType  # upper-case abbreviation -> minutes east of UTC
    published_labels: tuple[tuple[str, str], ...]  # (label, language)
    modified_labels: tuple[tuple[str, str], ...]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (form, pattern) for each date form
    weekday_before: re.Pattern[str]  # a day name right before a date, to keep in ``raw``
    # A run of month-name characters as long as the shortest name: a text without one holds
    # no month name, so the named-month forms (_NAMED_MONTH_FORMS) need not be searched.
    month_run: re.Pattern[str] | None = None


def find_date(text: str, order: str = "dmy", lexicon: DateLexicon | None = None
              ) -> FoundDate | None:
    """The first valid date in ``text`` (a meta value, a JSON-LD value or a visible line).

    ``order`` settles all-numeric dates with "/" or "-" that could be either way round
    (``04/06/2023``): ``"dmy"`` or ``"mdy"``; numbers over 12 settle it on their own.
    """
    if "19" not in text and "20" not in text:
        return None  # every date form needs a year (see _YEAR): most lines have none
    lexicon = lexicon or DATES
    found: list[FoundDate] = []
    # ISO values ("2019-11-19T13:03:00Z", most meta and JSON-LD dates) skip the costliest
    # searches: a named month at every digit.
    names_a_month = lexicon.month_run is None or lexicon.month_run.search(text) is not None
    for form, pattern in lexicon.patterns:
        if form in _NAMED_MONTH_FORMS and not names_a_month:
            continue  # no month name: the form cannot match
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


def _convert(form: str, match: re.Match[str], order: str, lexicon: DateLexicon
             ) -> FoundDate | None:
    parts = match.groupdict()
    day_month_year = _day_month_year(form, parts, order, lexicon)
    if day_month_year is None:
        return None
    day, month, year = day_month_year
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    raw = match.group(0).strip().rstrip(",")
    start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
    clock = _clock(parts)
    if clock is None:
        return FoundDate(day_value.isoformat(), raw, start, start + len(raw))
    hour, minute, second = clock
    zone = _zone(parts, lexicon)
    moment = datetime(year, month, day, hour, minute, second, tzinfo=zone)
    precision = "seconds" if parts.get("S") is not None else "minutes"  # as the page says
    return FoundDate(moment.isoformat(timespec=precision), raw, start, start + len(raw))


def _day_month_year(form: str, parts: dict[str, str | None], order: str,
                    lexicon: DateLexicon) -> tuple[int, int, int] | None:
    year = int(parts["y"] or 0)
    if form == "ymd":
        return int(parts["d"] or 0), int(parts["m"] or 0), year
    if form in ("d_month_y", "month_d_y"):
        month = lexicon.months.get((parts["mon"] or "").lower().rstrip("."))
        return (int(parts["d"] or 0), month, year) if month else None
    first, second = int(parts["a"] or 0), int(parts["b"] or 0)
    if parts["s"] == ".":
        return first, second, year  # dotted numeric dates are day-first everywhere
    day_first = order != "mdy"
    if first > 12 >= second:
        day_first = True
    elif second > 12 >= first:
        day_first = False
    return (first, second, year) if day_first else (second, first, year)


def _clock(parts: dict[str, str | None]) -> tuple[int, int, int] | None:
    if parts.get("H") is None:
        return None
    hour, minute, second = int(parts["H"] or 0), int(parts["M"] or 0), int(parts["S"] or 0)
    meridiem = (parts.get("ampm") or "").replace(".", "").replace(" ", "").lower()
    chinese = parts.get("cn") or ""
    if meridiem == "pm" or chinese in ("下午", "晚上"):
        hour = hour + 12 if hour < 12 else hour
    elif (meridiem == "am" or chinese in ("上午", "凌晨")) and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _zone(parts: dict[str, str | None], lexicon: DateLexicon) -> timezone | None:
    raw = (parts.get("tz") or "").strip()
    if not raw:
        return None
    name = re.sub(r"[\s()]", "", raw).upper()
    if name in lexicon.zones:
        return timezone(timedelta(minutes=lexicon.zones[name]))
    offset = _OFFSET.search(name)
    if offset is None:
        return None
    hours, minutes = int(offset.group(2)), int(offset.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    sign = -1 if offset.group(1) in ("-", "−") else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


_NAMED_MONTH_FORMS = frozenset({"d_month_y", "month_d_y"})  # ``(?P<mon>...)`` in _build_patterns
_OFFSET = re.compile(r"([+\-−])(\d{1,2})(?::?(\d{2}))?$")
# Every date form holds a four-digit year starting "19" or "20": find_date skips a text
# without either literal before running the (costly) patterns.
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"


def _build_patterns(month_names: tuple[str, ...], zone_names: tuple[str, ...]
                    ) -> tuple[tuple[str, re.Pattern[str]], ...]:
    months = "|".join(re.escape(n) for n in sorted(month_names, key=len, reverse=True))
    zones = "|".join(re.escape(n) for n in sorted(zone_names, key=len, reverse=True))
    year = _YEAR
    clock = (
        r"(?:(?:T|[\s,]*(?:à|a\s+las|a\s+la|um|at|@|-|–|—|\|)?\s*)"
        r"(?:(?:星期|周)[一二三四五六日天]\s*)?"
        r"(?P<cn>上午|下午|晚上|凌晨|中午)?\s*"
        r"(?P<H>[01]?\d|2[0-3])\s*(?:[:：hH]|时|時|点|點)\s*(?P<M>[0-5]\d)(?!\d)"
        r"(?:\s*(?:[:：]|分)\s*(?P<S>[0-5]\d)(?!\d)(?:[.,]\d{1,9})?\s*秒?)?\s*(?:分|uhr|Uhr)?"
        r"(?:\s*(?P<ampm>[aApP]\.?\s?[mM]\.?)(?![a-zA-Z]))?"
        r"(?:\s*(?P<tz>\(?(?-i:Z)(?![A-Za-z])|\(?[+\-−]\d{2}:?\d{2}\)?(?!\d)"
        r"|\(?(?-i:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?\)?"
        rf"|\(?(?-i:{zones})\)?(?![A-Za-z])))?"
        r")?"
    )
    forms = {
        "ymd": rf"(?<!\d){year}\s*([-/.]|年)\s*(?P<m>1[0-2]|0?[1-9])\s*(?:\2|月)\s*"
               rf"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s*日?",
        "numeric": rf"(?<![\d.])(?P<a>\d{{1,2}})\s*(?P<s>[./-])\s*(?P<b>\d{{1,2}})\s*(?P=s)\s*"
                   rf"{year}",
        "d_month_y": rf"(?<!\d)(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er|\.|º|°)?\s*"
                     rf"(?:de\s+)?(?P<mon>{months})\.?(?![^\W\d_])\s*,?\s*(?:de(?:l)?\s+)?{year}",
        "month_d_y": rf"(?<![^\W\d_])(?P<mon>{months})\.?\s+(?P<d>3[01]|[12]\d|0?[1-9])"
                     rf"(?:st|nd|rd|th)?(?!\d),?\s+{year}",
    }
    return tuple(
        (form, re.compile(body + clock, re.IGNORECASE)) for form, body in forms.items()
    )


def load_date_lexicon(text: str) -> DateLexicon:
    """Build a :class:`DateLexicon` from TOML text (see ``data/dates.toml``)."""
    data = tomllib.loads(text)
    months: dict[str, int] = {}
    for names_by_month in data["months"].values():
        for number, names in enumerate(names_by_month, start=1):
            for name in names:
                if months.setdefault(name.lower(), number) != number:
                    raise ValueError(f"month name {name!r} means two different months")
    zones = {name.upper(): int(minutes) for name, minutes in data["zones"].items()}
    labels = data["labels"]
    return DateLexicon(
        months=MappingProxyType(months),
        month_first_locales=frozenset(data["numeric_order"]["month_first_locales"]),
        zones=MappingProxyType(zones),
        published_labels=_labels(labels["published"]),
        modified_labels=_labels(labels["modified"]),
        patterns=_build_patterns(tuple(months), tuple(n for n in zones if len(n) > 1)),
        month_run=_month_run(tuple(months)),
        weekday_before=re.compile(
            r"(?<![^\W\d_])(?:" + "|".join(re.escape(w) for w in sorted(
                {w for names in data["weekdays"].values() for w in names}, key=len,
                reverse=True)) + r")\.?,?\s*$", re.IGNORECASE),
    )


def _month_run(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """Month-name characters, as many in a row as the shortest name has: every match of a
    name is such a run, for the class is matched case-blind just as the names are."""
    if not names:
        return None
    chars = "".join(sorted({char for name in names for char in name}))
    return re.compile(f"[{re.escape(chars)}]{{{min(len(n) for n in names)}}}", re.IGNORECASE)


def _labels(by_language: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    pairs = [(label.lower(), language) for language, labels in by_language.items()
             for label in labels]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


def _load_default() -> DateLexicon:
    text = resources.files("extractors").joinpath("data/dates.toml").read_text("utf-8")
    return load_date_lexicon(text)


DATES: DateLexicon = _load_default()
