"""The article's publication and modification dates, from the cheapest, surest source on.

Order for ``published_at`` (the first that gives a date wins):

1. JSON-LD ``datePublished``; 2. ``<meta>`` (``article:published_time`` and friends);
3. a ``<time datetime>`` marked as the publication time (or the only one / one in
   <article>); 4. a labelled date ("Published on", "发布时间", "Veröffentlicht am",
   "Publicado el", "Publié le") in the meta zone (under the headline, or the credit line);
5. any date on the credit line; 6. a dateline right under the headline; 7. a labelled date
   further down; 8. a dateline beside the credit line; 9. the date in the URL path;
10. htmldate's fast mode on a copy without page chrome; 11. an "Updated: <date>" as the
   last resort ("visible_updated": published then or before).

Missing is ``None``: no crawl date, no copyright year, no date of another story.
The value format is the one of :mod:`extractors.dates`; ``raw`` is the page's own string (``None``
for URL and htmldate dates, which the page did not write as such).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from itertools import islice
from types import MappingProxyType
from urllib.parse import urlsplit

from htmldate import find_date as htmldate_find_date
from lxml import html as lxml_html

from .attribution import Credit
from .dates import DATES, FoundDate, find_date
from .jsonld import JsonLdFacts
from .metalines import MetaLine

# <meta> keys that carry the publication / modification date, best first.
_PUBLISHED_KEYS = ("article:published_time", "og:article:published_time", "og:published_time",
                   "datepublished", "publishdate", "publish-date", "publish_date", "pubdate",
                   "publication_date", "sailthru.date", "parsely-pub-date", "dc.date.issued",
                   "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "date",
                   "article.published", "citation_publication_date", "citation_date")
_MODIFIED_KEYS = ("article:modified_time", "og:article:modified_time", "og:updated_time",
                  "datemodified", "dcterms.modified", "last-modified", "lastmod",
                  "article.updated")
_MAX_DATELINE_CHARS = 100
_URL_DATE = re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)[/_-]?(?P<m>[01]\d)[/_-]?(?P<d>[0-3]\d)"
                       r"(?![\d])")
_CHROME_NAMES = re.compile(
    r"related|recommend|sidebar|footer|comment|popular|trending|widget|ranking|hotlist|hot-|"
    r"hotnews|more-stories|read-more",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(?:19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class Dated:
    iso: str
    raw: str | None
    source: str  # provenance: "jsonld" | "meta" | "time" | "visible" | "url" | "htmldate" ...


def page_locale(tree: lxml_html.HtmlElement, head: MappingProxyType) -> str:
    """The page's declared locale, lower-case with "-" ("en-us"), or ""."""
    for value in (tree.get("lang"), head.get("og:locale"), head.get("content-language")):
        if value and value.strip():
            return value.strip().lower().replace("_", "-")
    return ""


def numeric_order(lines: tuple[MetaLine, ...], locale: str) -> str:
    """How this page orders all-numeric dates ("04/06/2023"): "dmy" or "mdy".

    The page's own unambiguous numeric dates decide (a 13..31 in first or second place);
    else a US locale means month first; else day first, as most of the world writes it.
    """
    votes = {"dmy": 0, "mdy": 0}
    for line in lines:
        if "/" not in line.text and "-" not in line.text:
            continue  # no numeric date without its "/" or "-"
        for first, second in _NUMERIC_DATE.findall(line.text):
            if int(first) > 12 >= int(second):
                votes["dmy"] += 1
            elif int(second) > 12 >= int(first):
                votes["mdy"] += 1
    if votes["dmy"] != votes["mdy"]:
        return max(votes, key=votes.__getitem__)
    return "mdy" if locale in DATES.month_first_locales else "dmy"


def published_date(tree: lxml_html.HtmlElement, head: MappingProxyType, facts: JsonLdFacts,
               lines: tuple[MetaLine, ...],
               line_credits: Callable[[], tuple[Credit | None, ...]],
               url: str | None, order: str,
               timed: Iterable[lxml_html.HtmlElement] | None = None) -> Dated | None:
    """``line_credits()`` gives the credit on each of ``lines``; it is called only when the
    tags give no date (finding credits costs more than all the tag sources together).
    ``timed``: the document's <time> elements, when the caller has them."""
    dated = (_from_value(facts.date_published, "jsonld", order)
             or _from_keys(head, _PUBLISHED_KEYS, "meta", order)
             or _from_time_element(tree, "datePublished", order, timed=timed))
    if dated:
        return dated
    credits = line_credits()
    # The meta zone (right under the headline, or the credit line) speaks for this page; a
    # "Published ..." line further down may be the copied story's own, older one.
    meta_zone = tuple(line for line, credit in zip(lines, credits, strict=True)
                      if line.near_headline or credit is not None)
    return (
        _labelled_in_lines(meta_zone, DATES.published_labels, order)
        or _on_credit_line(lines, credits, order)
        or _near_headline(lines, order)
        or _labelled_in_lines(lines, DATES.published_labels, order)
        or _beside_credit_line(lines, credits, order)
        or _from_url(url)
        or _from_htmldate(tree, url)
        or _only_updated(lines, order)
    )


def modified_date(tree: lxml_html.HtmlElement, head: MappingProxyType, facts: JsonLdFacts,
              lines: tuple[MetaLine, ...], order: str,
              timed: Iterable[lxml_html.HtmlElement] | None = None) -> Dated | None:
    return (
        _from_value(facts.date_modified, "jsonld", order)
        or _from_keys(head, _MODIFIED_KEYS, "meta", order)
        or _from_time_element(tree, "dateModified", order, fallback_to_first=False,
                              timed=timed)
        or _labelled_in_lines(lines, DATES.modified_labels, order)
    )


def _from_value(value: str | None, source: str, order: str) -> Dated | None:
    if not value:
        return None
    found = find_date(value, order)
    return Dated(found.iso, value.strip(), source) if found else None


def _from_keys(head: MappingProxyType, keys: tuple[str, ...], source: str, order: str
               ) -> Dated | None:
    for key in keys:
        dated = _from_value(head.get(key), source, order)
        if dated:
            return dated
    return None


def _from_time_element(tree: lxml_html.HtmlElement, itemprop: str, order: str,
                       fallback_to_first: bool = True,
                       timed: Iterable[lxml_html.HtmlElement] | None = None) -> Dated | None:
    """``<time datetime>`` marked as the publication (or modification) time.

    An unmarked one counts only inside <article> or when it is the page's only one (a site
    header shows today's date in a <time> too).
    """
    times = _timed(tree.getroottree().iter("time") if timed is None else timed)
    marked = [t for t in times if t.get("itemprop") == itemprop
              or (itemprop == "datePublished" and (t.get("pubdate") is not None
                                                   or "publish" in (t.get("class") or "")))]
    if not marked and fallback_to_first:
        in_article = [t for t in times if next(t.iterancestors("article"), None) is not None]
        marked = in_article or (times if len(times) == 1 else [])
    for element in marked:
        dated = _from_value(element.get("datetime"), "time", order)
        if dated:
            return dated
    return None


def _timed(times: Iterable[lxml_html.HtmlElement]) -> list[lxml_html.HtmlElement]:
    """The first 20 of the document's <time> elements (``times``) with a ``datetime``:
    what "//time[@datetime]" finds."""
    return list(islice((t for t in times if t.get("datetime") is not None), 20))


def _only_updated(lines: tuple[MetaLine, ...], order: str) -> Dated | None:
    """A page that shows only "Updated: <date>" was published then or before; say so."""
    dated = _labelled_in_lines(lines, DATES.modified_labels, order)
    return Dated(dated.iso, dated.raw, "visible_updated") if dated else None


def _labelled_in_lines(lines: tuple[MetaLine, ...], labels: tuple[tuple[str, str], ...],
                       order: str) -> Dated | None:
    for line in lines:
        found = labelled_date(line.text, labels, order)
        if found:
            return Dated(found.iso, found.raw, "visible")
    return None


def labelled_date(text: str, labels: tuple[tuple[str, str], ...], order: str = "dmy"
                  ) -> FoundDate | None:
    """The date right after one of ``labels`` in ``text`` ("Published on 2023-06-04 ...")."""
    lowered = text.lower()
    for label, _language in labels:
        start = lowered.find(label)
        while start >= 0:
            end = start + len(label)
            if _word_bounded(lowered, start, end):
                rest = text[end: end + 60].lstrip(" :：\t")
                found = find_date(rest, order)
                if found is not None and found.start <= 25:
                    return found
            start = lowered.find(label, end)
    return None


def _word_bounded(text: str, start: int, end: int) -> bool:
    """A Latin label is a whole word; a CJK label may touch other characters."""
    if not text[start].isascii() or not text[start].isalpha():
        return True
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not (after.isalpha() and after.isascii())


def _on_credit_line(lines: tuple[MetaLine, ...], credits: tuple[Credit | None, ...],
                    order: str) -> Dated | None:
    """"2023-06-04 15:52 来源：新华社": a date on the credit line is the article's."""
    for line, credit in zip(lines, credits, strict=True):
        if credit is not None:
            found = find_date(line.text, order)
            if found:
                return Dated(found.iso, found.raw, "visible")
    return None


def _beside_credit_line(lines: tuple[MetaLine, ...], credits: tuple[Credit | None, ...],
                        order: str) -> Dated | None:
    """A line that is just a date, one or two blocks from the credit line (a dateline)."""
    credit_at = next((i for i, credit in enumerate(credits) if credit is not None), None)
    if credit_at is None:
        return None
    for line in lines[max(0, credit_at - 2): credit_at + 3]:
        found = find_date(line.text, order)
        if found and _mostly_date(line.text, found):
            return Dated(found.iso, found.raw, "visible")
    return None


def _mostly_date(text: str, found: FoundDate) -> bool:
    """A dateline: a short line that starts with its only date ("June 9, 2021 15:18",
    "26. Juni 2024, 05:38 Uhr Verantwortlicher Redakteur: Julia Weber")."""
    before, after = text[: found.start], text[found.end:]
    return (len(text) <= _MAX_DATELINE_CHARS and len(before.split()) <= 2
            and find_date(before + " " + after) is None)


def _near_headline(lines: tuple[MetaLine, ...], order: str) -> Dated | None:
    """A dateline right under the headline: a short line that is little but a date."""
    for line in lines:
        if line.near_headline:
            found = find_date(line.text, order)
            if found and _mostly_date(line.text, found):
                return Dated(found.iso, found.raw, "visible")
    return None


def _from_url(url: str | None) -> Dated | None:
    """A date in the URL's path (/2023/06/04/, /20230604/, /2023/0604/, /202306/04/)."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for match in _URL_DATE.finditer(path):
        year, month, day = (int(match.group(k)) for k in ("y", "m", "d"))
        if 1995 <= year <= 2099:
            try:
                return Dated(date(year, month, day).isoformat(), None, "url")
            except ValueError:
                continue
    return None


def _from_htmldate(tree: lxml_html.HtmlElement, url: str | None) -> Dated | None:
    """htmldate's fast mode on a copy without page chrome.

    Its last resort is the first date in the page's text, which on a page with a
    "related stories" box is another story's date: a guess. Those boxes go first.
    """
    pruned = deepcopy(tree)
    chrome = [e for e in pruned.xpath("//body//*[@class or @id]")
              if _CHROME_NAMES.search(f"{e.get('class', '')} {e.get('id', '')}")]
    for element in dict.fromkeys([*pruned.iter("aside", "nav", "footer"), *chrome]):
        if element.getparent() is not None:  # an <aside class="sidebar"> comes twice
            element.drop_tree()
    try:
        value = htmldate_find_date(pruned, extensive_search=False, original_date=True, url=url)
    except Exception:  # a date library bug must not lose the article
        return None
    return Dated(value, None, "htmldate") if value else None
