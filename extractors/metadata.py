"""Page metadata: title, authors, dates, site name, canonical URL, description.

Everything is read from the one parsed tree, before the body extractor runs, from cheap
sources first: ``<meta>`` tags and JSON-LD, then ``<time>``, then the page's visible meta
lines; htmldate's fast mode is the last resort for the publication date, and its extensive
search is never run (it guesses). Missing is ``None``, never a guess. Each field's source is
recorded in ``provenance``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from urllib.parse import urljoin, urlsplit

from htmldate import find_date as htmldate_find_date
from lxml import html as lxml_html
from tld import get_fld

from .attribution import Credit, find_credit, outlet_of_tagged_text
from .authors import byline_in_line, clean_authors
from .dates import DATES, FoundDate, find_date
from .jsonld import JsonLdFacts, read_jsonld
from .metalines import MetaLine, collect_meta_lines, in_page_chrome
from .titles import TitleCandidates, choose_title, headline_hints

# <meta> keys that carry the publication / modification date, best first.
_PUBLISHED_KEYS = ("article:published_time", "og:article:published_time", "og:published_time",
                   "datepublished", "publishdate", "publish-date", "publish_date", "pubdate",
                   "publication_date", "sailthru.date", "parsely-pub-date", "dc.date.issued",
                   "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "date",
                   "article.published", "citation_publication_date", "citation_date")
_MODIFIED_KEYS = ("article:modified_time", "og:article:modified_time", "og:updated_time",
                  "datemodified", "dcterms.modified", "last-modified", "lastmod",
                  "article.updated")
_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                "dcterms.creator", "byl", "citation_author", "twitter:creator")
_AUTHOR_ELEMENTS = (
    "//body//*[@rel='author' or contains(@itemprop, 'author')"
    " or contains(@class, 'byline') or contains(@class, 'author')"
    " or contains(@class, 'auteur') or contains(@class, 'autor')]"
)
_LOGO_NAMES = re.compile(r"logo|brand|site-?title|site-?name|masthead", re.IGNORECASE)
_LANG_CODE = re.compile(r"^([a-z]{2})(?:[-_].*)?$")
_MAX_AUTHOR_TEXT = 120
_MAX_DATELINE_CHARS = 100
_URL_DATE = re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)[/_-]?(?P<m>[01]\d)[/_-]?(?P<d>[0-3]\d)"
                       r"(?![\d])")
# XPath only narrows cheaply (few predicates); the class tokens are checked in Python.
_SOURCE_CANDIDATES = (
    "//body//*[contains(@class, 'source') or contains(@class, 'copyfrom')"
    " or contains(@class, 'laiyuan') or @id = 'ne_article_source'"
    " or @itemprop = 'sourceOrganization']"
)
_SOURCE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:(?:article|news)[_-]?)?source(?:[_-]?name)?(?:$|\s)|copyfrom|laiyuan",
    re.IGNORECASE,
)
_NOT_SOURCE_PLACES = re.compile(r"image|photo|picture|caption|credit|video|figure", re.I)
_CHROME_NAMES = re.compile(
    r"related|recommend|sidebar|footer|comment|popular|trending|widget|ranking|hotlist|hot-|"
    r"hotnews|more-stories|read-more",
    re.IGNORECASE,
)
_MAX_AUTHOR_ELEMENTS = 15
_WRAPPER_DEPTH = 6  # a byline wrapper sits a few levels above the name it wraps
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(?:19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class Metadata:
    title: str | None
    authors: tuple[str, ...]
    published_at: str | None
    published_raw: str | None
    modified_at: str | None
    site_name: str | None
    canonical_url: str | None
    description: str | None
    provenance: tuple[tuple[str, str], ...]
    page_language: str | None = None  # ISO 639-1 from <html lang> and friends (often wrong)
    meta_lines: tuple[str, ...] = ()  # short visible meta lines outside page chrome
    tagged_outlets: tuple[str, ...] = ()  # texts of elements marked as the source


@dataclass(frozen=True)
class _Dated:
    iso: str
    raw: str | None
    source: str


def extract_page_metadata(tree: lxml_html.HtmlElement, url: str | None) -> Metadata:
    """Metadata of the page in ``tree`` (left unchanged) fetched from ``url``."""
    head = _meta_values(tree)
    facts = read_jsonld(tree)
    title_tag = _title_tag(tree)
    lines = collect_meta_lines(tree, headline_hints(title_tag, head.get("og:title")))
    article_lines = tuple(line for line in lines if not line.in_chrome)
    credits = tuple(find_credit(line.text) for line in article_lines)
    page_credit = next((c.outlet for c in credits if c is not None), None)
    site_name, site_source = _site_name(head, facts, url)
    names = tuple(n for n in (site_name, head.get("og:site_name"), facts.publisher,
                              head.get("application-name"), page_credit, *_host_names(url)) if n)
    title, title_source = choose_title(
        TitleCandidates(
            title_tag=title_tag,
            og_title=head.get("og:title"),
            twitter_title=head.get("twitter:title"),
            jsonld_headline=facts.headline,
            h1s=_headlines(tree),
        ),
        names,
    )
    page_language = _page_language(tree, head, facts)
    order = _numeric_order(lines, _page_locale(tree, head))
    published = _published(tree, head, facts, article_lines, credits, url, order)
    modified = _modified(tree, head, facts, article_lines, order)
    authors, authors_source = _authors(tree, head, facts, article_lines, names)
    canonical, canonical_source = _canonical(tree, head, url)
    description, description_source = _description(head, facts)
    provenance = [
        ("title", title_source), ("authors", authors_source),
        ("published_at", published.source if published else None),
        ("modified_at", modified.source if modified else None),
        ("site_name", site_source), ("canonical_url", canonical_source),
        ("description", description_source),
    ]
    return Metadata(
        title=title,
        authors=authors,
        published_at=published.iso if published else None,
        published_raw=published.raw if published else None,
        modified_at=modified.iso if modified else None,
        site_name=site_name,
        canonical_url=canonical,
        description=description,
        provenance=tuple((name, source) for name, source in provenance if source),
        page_language=page_language,
        meta_lines=tuple(line.text for line in article_lines),
        tagged_outlets=() if page_credit else _tagged_outlets(tree, site_name),
    )


# ---------------------------------------------------------------- head values


def _meta_values(tree: lxml_html.HtmlElement) -> MappingProxyType:
    """First non-empty ``content`` of each <meta> name / property / itemprop, keys lower-case."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = " ".join((meta.get("content") or "").split())
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attribute) or "").strip().lower()
            if key:
                values.setdefault(key, content)
    return MappingProxyType(values)


def _title_tag(tree: lxml_html.HtmlElement) -> str | None:
    title = tree.find("head/title")
    if title is None:
        title = next((t for t in tree.iter("title") if not t.xpath("ancestor::svg")), None)
    return title.text_content() if title is not None else None


def _headlines(tree: lxml_html.HtmlElement) -> tuple[str, ...]:
    headlines = []
    for h1 in tree.xpath("//body//h1")[:5]:
        if _is_logo(h1):
            continue
        text = " ".join(" ".join(h1.itertext()).split())
        if text:
            headlines.append(text)
    return tuple(headlines)


def _is_logo(element: lxml_html.HtmlElement) -> bool:
    node: lxml_html.HtmlElement | None = element
    for _ in range(3):
        if node is None:
            break
        if _LOGO_NAMES.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
        node = node.getparent()
    links = element.xpath(".//a/@href")
    return len(links) == 1 and links[0].strip() in ("/", "./", "index.html", "/index.html")


def _page_language(tree: lxml_html.HtmlElement, head: MappingProxyType,
                   facts: JsonLdFacts) -> str | None:
    for value in (tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
                  head.get("content-language"), head.get("og:locale"), facts.language):
        match = _LANG_CODE.match((value or "").strip().lower())
        if match:
            return match.group(1)
    return None


def _page_locale(tree: lxml_html.HtmlElement, head: MappingProxyType) -> str:
    """The page's declared locale, lower-case with "-" ("en-us"), or ""."""
    for value in (tree.get("lang"), head.get("og:locale"), head.get("content-language")):
        if value and value.strip():
            return value.strip().lower().replace("_", "-")
    return ""


def _numeric_order(lines: tuple[MetaLine, ...], locale: str) -> str:
    """How this page orders all-numeric dates ("04/06/2023"): "dmy" or "mdy".

    The page's own unambiguous numeric dates decide (a 13..31 in first or second place);
    else a US locale means month first; else day first, as most of the world writes it.
    """
    votes = {"dmy": 0, "mdy": 0}
    for line in lines:
        for first, second in _NUMERIC_DATE.findall(line.text):
            if int(first) > 12 >= int(second):
                votes["dmy"] += 1
            elif int(second) > 12 >= int(first):
                votes["mdy"] += 1
    if votes["dmy"] != votes["mdy"]:
        return max(votes, key=votes.__getitem__)
    return "mdy" if locale in DATES.month_first_locales else "dmy"


# ---------------------------------------------------------------- site, canonical, description


def _site_name(head: MappingProxyType, facts: JsonLdFacts, url: str | None
               ) -> tuple[str | None, str | None]:
    if head.get("og:site_name"):
        return head["og:site_name"], "og:site_name"
    if facts.publisher:
        return facts.publisher, "jsonld"
    host = _host(url)
    return (host.removeprefix("www."), "url") if host else (None, None)


def _host_names(url: str | None) -> tuple[str, ...]:
    """The host and the site's brand word ("news.sina.com.cn" -> "sina.com.cn", "sina")."""
    host = _host(url)
    if not host:
        return ()
    domain = get_fld(f"http://{host}", fail_silently=True) or host.removeprefix("www.")
    return (host.removeprefix("www."), domain, domain.split(".")[0])


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _canonical(tree: lxml_html.HtmlElement, head: MappingProxyType, url: str | None
               ) -> tuple[str | None, str | None]:
    links = [link.get("href") for link in tree.iter("link")
             if "canonical" in (link.get("rel") or "").lower().split()]
    for source, href in (("link_canonical", links[0] if links else None),
                         ("og:url", head.get("og:url"))):
        sane = _sane_url(href, url)
        if sane:
            return sane, source
    return (url, "url") if url else (None, None)


def _sane_url(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against ``base``, if it is an http(s) URL on the same site."""
    href = (href or "").strip()
    if not href or any(ch.isspace() for ch in href) or len(href) > 2048:
        return None
    try:
        resolved = urljoin(base, href) if base else href
        parts = urlsplit(resolved)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if base and not _same_site(parts.hostname, _host(base)):
        return None
    return resolved


def _same_site(host: str, other: str | None) -> bool:
    if not other:
        return False
    if host == other:
        return True
    mine = get_fld(f"http://{host}", fail_silently=True)
    return mine is not None and mine == get_fld(f"http://{other}", fail_silently=True)


def _description(head: MappingProxyType, facts: JsonLdFacts) -> tuple[str | None, str | None]:
    for key in ("description", "og:description", "twitter:description"):
        if head.get(key):
            return head[key], f"meta:{key}"
    if facts.description:
        return facts.description, "jsonld"
    return None, None


# ---------------------------------------------------------------- dates


def _published(tree: lxml_html.HtmlElement, head: MappingProxyType, facts: JsonLdFacts,
               lines: tuple[MetaLine, ...], credits: tuple[Credit | None, ...],
               url: str | None, order: str) -> _Dated | None:
    # The meta zone (right under the headline, or the credit line) speaks for this page; a
    # "Published ..." line further down may be the copied story's own, older one.
    meta_zone = tuple(line for line, credit in zip(lines, credits, strict=True)
                      if line.near_headline or credit is not None)
    return (
        _from_value(facts.date_published, "jsonld", order)
        or _from_keys(head, _PUBLISHED_KEYS, "meta", order)
        or _from_time_element(tree, "datePublished", order)
        or _labelled_in_lines(meta_zone, DATES.published_labels, order)
        or _on_credit_line(lines, credits, order)
        or _near_headline(lines, order)
        or _labelled_in_lines(lines, DATES.published_labels, order)
        or _beside_credit_line(lines, credits, order)
        or _from_url(url)
        or _from_htmldate(tree, url)
        or _only_updated(lines, order)
    )


def _modified(tree: lxml_html.HtmlElement, head: MappingProxyType, facts: JsonLdFacts,
              lines: tuple[MetaLine, ...], order: str) -> _Dated | None:
    return (
        _from_value(facts.date_modified, "jsonld", order)
        or _from_keys(head, _MODIFIED_KEYS, "meta", order)
        or _from_time_element(tree, "dateModified", order, fallback_to_first=False)
        or _labelled_in_lines(lines, DATES.modified_labels, order)
    )


def _from_value(value: str | None, source: str, order: str) -> _Dated | None:
    if not value:
        return None
    found = find_date(value, order)
    return _Dated(found.iso, value.strip(), source) if found else None


def _from_keys(head: MappingProxyType, keys: tuple[str, ...], source: str, order: str
               ) -> _Dated | None:
    for key in keys:
        dated = _from_value(head.get(key), source, order)
        if dated:
            return dated
    return None


def _from_time_element(tree: lxml_html.HtmlElement, itemprop: str, order: str,
                       fallback_to_first: bool = True) -> _Dated | None:
    """``<time datetime>`` marked as the publication (or modification) time.

    An unmarked one counts only inside <article> or when it is the page's only one (a site
    header shows today's date in a <time> too).
    """
    times = tree.xpath("//time[@datetime]")[:20]
    marked = [t for t in times if t.get("itemprop") == itemprop
              or (itemprop == "datePublished" and (t.get("pubdate") is not None
                                                   or "publish" in (t.get("class") or "")))]
    if not marked and fallback_to_first:
        in_article = [t for t in times if t.xpath("ancestor::article")]
        marked = in_article or (times if len(times) == 1 else [])
    for element in marked:
        dated = _from_value(element.get("datetime"), "time", order)
        if dated:
            return dated
    return None


def _only_updated(lines: tuple[MetaLine, ...], order: str) -> _Dated | None:
    """A page that shows only "Updated: <date>" was published then or before; say so."""
    dated = _labelled_in_lines(lines, DATES.modified_labels, order)
    return _Dated(dated.iso, dated.raw, "visible_updated") if dated else None


def _labelled_in_lines(lines: tuple[MetaLine, ...], labels: tuple[tuple[str, str], ...],
                       order: str) -> _Dated | None:
    for line in lines:
        found = labelled_date(line.text, labels, order)
        if found:
            return _Dated(found.iso, found.raw, "visible")
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
                    order: str) -> _Dated | None:
    """"2023-06-04 15:52 来源：新华社": a date on the credit line is the article's."""
    for line, credit in zip(lines, credits, strict=True):
        if credit is not None:
            found = find_date(line.text, order)
            if found:
                return _Dated(found.iso, found.raw, "visible")
    return None


def _beside_credit_line(lines: tuple[MetaLine, ...], credits: tuple[Credit | None, ...],
                        order: str) -> _Dated | None:
    """A line that is just a date, one or two blocks from the credit line (a dateline)."""
    credit_at = next((i for i, credit in enumerate(credits) if credit is not None), None)
    if credit_at is None:
        return None
    for line in lines[max(0, credit_at - 2): credit_at + 3]:
        found = find_date(line.text, order)
        if found and _mostly_date(line.text, found):
            return _Dated(found.iso, found.raw, "visible")
    return None


def _mostly_date(text: str, found: FoundDate) -> bool:
    """A dateline: a short line that starts with its only date ("June 9, 2021 15:18",
    "26. Juni 2024, 05:38 Uhr Verantwortlicher Redakteur: Julia Weber")."""
    before, after = text[: found.start], text[found.end:]
    return (len(text) <= _MAX_DATELINE_CHARS and len(before.split()) <= 2
            and find_date(before + " " + after) is None)


def _near_headline(lines: tuple[MetaLine, ...], order: str) -> _Dated | None:
    """A dateline right under the headline: a short line that is little but a date."""
    for line in lines:
        if line.near_headline:
            found = find_date(line.text, order)
            if found and _mostly_date(line.text, found):
                return _Dated(found.iso, found.raw, "visible")
    return None


def _from_url(url: str | None) -> _Dated | None:
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
                return _Dated(date(year, month, day).isoformat(), None, "url")
            except ValueError:
                continue
    return None


def _from_htmldate(tree: lxml_html.HtmlElement, url: str | None) -> _Dated | None:
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
    return _Dated(value, None, "htmldate") if value else None


# ---------------------------------------------------------------- authors


def _authors(tree: lxml_html.HtmlElement, head: MappingProxyType, facts: JsonLdFacts,
             lines: tuple[MetaLine, ...], names: tuple[str, ...]
             ) -> tuple[tuple[str, ...], str | None]:
    sources: tuple[tuple[str, Callable[[], tuple[str, ...]]], ...] = (
        ("jsonld", lambda: facts.authors),
        ("meta", lambda: tuple(head[k] for k in _AUTHOR_KEYS if head.get(k)
                               and not head[k].startswith(("http://", "https://", "@")))),
        ("byline", lambda: _author_elements(tree, names)),  # costs a walk: only if needed
        ("visible", lambda: tuple(b for b in (byline_in_line(line.text) for line in lines)
                                  if b)),
    )
    for source, values in sources:
        authors = clean_authors(values(), exclude=names)
        if authors:
            return authors, source
    return (), None


def _author_elements(tree: lxml_html.HtmlElement, names: tuple[str, ...]) -> tuple[str, ...]:
    """Texts of the article's byline element(s): the first innermost one that names a
    person, and its siblings. Later ones belong to teasers of other stories or comments."""
    found = [e for e in tree.xpath(_AUTHOR_ELEMENTS)[:_MAX_AUTHOR_ELEMENTS]
             if e.tag not in ("meta", "link", "script", "style", "img")]
    wrappers = set()  # found elements with another found element inside
    members = set(found)
    for element in found:
        for depth, ancestor in enumerate(element.iterancestors()):
            if depth >= _WRAPPER_DEPTH:
                break
            if ancestor in members:
                wrappers.add(ancestor)
    regions: dict = {}
    innermost = [e for e in found if e not in wrappers and not in_page_chrome(e, regions)]
    for first in innermost:
        if not clean_authors([_element_text(first)], exclude=names):
            continue
        parent = first.getparent()
        return tuple(_element_text(e) for e in innermost if e.getparent() is parent)[:5]
    return ()


def _element_text(element: lxml_html.HtmlElement) -> str:
    named = element.xpath(".//*[@itemprop='name']")
    text = " ".join(" ".join((named[0] if named else element).itertext()).split())
    return text if len(text) <= _MAX_AUTHOR_TEXT else ""


def _tagged_outlets(tree: lxml_html.HtmlElement, site_name: str | None) -> tuple[str, ...]:
    """Outlets named by elements the page marks as the source (sina's ``class="source"``,
    163's ``#ne_article_source``), not a picture's source and not the site itself."""
    outlets = []
    candidates = [e for e in tree.xpath(_SOURCE_CANDIDATES)
                  if _SOURCE_CLASS.search(e.get("class") or "")
                  or e.get("id") == "ne_article_source"
                  or e.get("itemprop") == "sourceOrganization"]
    for element in candidates[:5]:
        around = [element, *list(element.iterancestors())[:3]]
        names = " ".join(f"{e.get('class', '')} {e.get('id', '')}" for e in around)
        if _NOT_SOURCE_PLACES.search(names) or any(e.tag in ("figure", "figcaption")
                                                    for e in around):
            continue  # a picture's source
        outlet = outlet_of_tagged_text(" ".join(element.itertext()))
        if outlet and (not site_name or _loose(outlet) != _loose(site_name)):
            outlets.append(outlet)
    return tuple(outlets)


def _loose(name: str) -> str:
    """Case, spaces and punctuation ignored: "FOXBusiness" is "Fox Business"."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())
