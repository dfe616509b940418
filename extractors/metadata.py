"""Page metadata: title, authors, dates, site name, canonical URL, description.

Everything is read from the one parsed tree, before the body extractor runs, from cheap
sources first: ``<meta>`` tags and JSON-LD, then the page's visible meta lines (see
:mod:`extractors.metalines`). Dates are chosen in :mod:`extractors.page_dates`, the site and
canonical URL in :mod:`extractors.page_site`, the title in :mod:`extractors.titles`.
Missing is ``None``, never a guess. Each field's source is recorded in ``provenance``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from types import MappingProxyType

from lxml import etree
from lxml import html as lxml_html

from .attribution import Credit, find_credit, outlet_of_tagged_text
from .authors import byline_in_line, clean_authors
from .jsonld import JsonLdFacts, read_jsonld
from .metalines import MetaLine, PageScan, in_page_chrome, scan_page
from .page_dates import modified_date, numeric_order, page_locale, published_date
from .page_site import canonical_url, description, host_names, site_name
from .titles import TitleCandidates, choose_title, headline_hints

_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                "dcterms.creator", "byl", "citation_author", "twitter:creator")
# Both element searches below walk the attributes, not the elements: libxml2 tests an
# ``@class`` axis step much faster than a predicate on every element (a third of the time).
# They search the whole page; :func:`_in_body` keeps what ``//body//*`` would have found.
_AUTHOR_ELEMENTS = etree.XPath(
    "//@rel[. = 'author']/.. | //@itemprop[contains(., 'author')]/.."
    " | //@class[contains(., 'byline') or contains(., 'author') or contains(., 'auteur')"
    " or contains(., 'autor')]/.."
)
_META_KEY_ATTRIBUTES = frozenset({"property", "name", "itemprop", "http-equiv"})
_LOGO_NAMES = re.compile(r"logo|brand|site-?title|site-?name|masthead", re.IGNORECASE)
_LANG_CODE = re.compile(r"^([a-z]{2})(?:[-_].*)?$")
_MAX_AUTHOR_TEXT = 120
# XPath only narrows cheaply (few predicates); the class tokens are checked in Python.
_SOURCE_CANDIDATES = etree.XPath(
    "//@class[contains(., 'source') or contains(., 'copyfrom') or contains(., 'laiyuan')]/.."
    " | //@id[. = 'ne_article_source']/.. | //@itemprop[. = 'sourceOrganization']/.."
)
_SOURCE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:(?:article|news)[_-]?)?source(?:[_-]?name)?(?:$|\s)|copyfrom|laiyuan",
    re.IGNORECASE,
)
_NOT_SOURCE_PLACES = re.compile(r"image|photo|picture|caption|credit|video|figure", re.I)
_MAX_AUTHOR_ELEMENTS = 15
_WRAPPER_DEPTH = 6  # a byline wrapper sits a few levels above the name it wraps


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
    # For later stages on the same tree, so that they redo no work (not metadata):
    # the walk of the page (see PageScan; its elements are the tree's, so valid only
    # while nothing has changed the tree), and find_credit's answer for the meta lines
    # it was asked about (default credit lexicon).
    page_scan: PageScan | None = field(default=None, repr=False, compare=False)
    line_credits: Mapping[str, Credit | None] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False)


def extract_page_metadata(tree: lxml_html.HtmlElement, url: str | None) -> Metadata:
    """Metadata of the page in ``tree`` (left unchanged) fetched from ``url``."""
    title_tag = _title_tag(tree)
    head, scan = _head_and_scan(tree, title_tag)
    facts = read_jsonld(tree, scan.elements(tree, "script"))
    lines = scan.lines
    article_lines = tuple(line for line in lines if not line.in_chrome)
    credits = _LineCredits(article_lines)
    page_credit = credits.first_outlet()
    site, site_source = site_name(head, facts, url)
    names = tuple(n for n in (site, head.get("og:site_name"), facts.publisher,
                              head.get("application-name"), page_credit, *host_names(url)) if n)
    title, title_source = choose_title(
        TitleCandidates(
            title_tag=title_tag,
            og_title=head.get("og:title"),
            twitter_title=head.get("twitter:title"),
            jsonld_headline=facts.headline,
            h1s=_headlines(tree, scan),
        ),
        names,
    )
    page_language = _page_language(tree, head, facts)
    order = numeric_order(lines, page_locale(tree, head))
    timed = scan.elements(tree, "time")
    published = published_date(tree, head, facts, article_lines, credits.all, url, order, timed)
    modified = modified_date(tree, head, facts, article_lines, order, timed)
    authors, authors_source = _authors(tree, scan, head, facts, article_lines, names)
    canonical, canonical_source = canonical_url(tree, head, url, scan.elements(tree, "link"))
    summary, description_source = description(head, facts)
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
        site_name=site,
        canonical_url=canonical,
        description=summary,
        provenance=tuple((name, source) for name, source in provenance if source),
        page_language=page_language,
        meta_lines=tuple(line.text for line in article_lines),
        tagged_outlets=() if page_credit else _tagged_outlets(tree, scan, site),
        page_scan=scan,
        line_credits=credits.known(),
    )


class _LineCredits:
    """The credit on each article line, found only as far as a caller needs.

    ``find_credit`` is the costliest test on a line. The page's credit is the first line
    that has one; the credits of all lines matter only when the published date is not in
    JSON-LD, <meta> or <time> (most pages have it there). Equal lines are looked at once.
    """

    def __init__(self, lines: tuple[MetaLine, ...]) -> None:
        self._texts = [line.text for line in lines]
        self._found: list[Credit | None] = []
        self._by_text: dict[str, Credit | None] = {}

    def first_outlet(self) -> str | None:
        for index in range(len(self._texts)):
            credit = self._at(index)
            if credit is not None:
                return credit.outlet
        return None

    def known(self) -> Mapping[str, Credit | None]:
        """The credits found so far, by line text."""
        return MappingProxyType(self._by_text)

    def all(self) -> tuple[Credit | None, ...]:
        return tuple(self._at(index) for index in range(len(self._texts)))

    def _at(self, index: int) -> Credit | None:
        while len(self._found) <= index:  # lines are looked at in order
            text = self._texts[len(self._found)]
            if text not in self._by_text:
                self._by_text[text] = find_credit(text)
            self._found.append(self._by_text[text])
        return self._found[index]


# ---------------------------------------------------------------- head values


def _head_and_scan(tree: lxml_html.HtmlElement, title_tag: str | None
                   ) -> tuple[MappingProxyType, PageScan]:
    """The <meta> values and the page scan, whose headline hints need og:title.

    A walk over the whole page for <meta> costs as much as the scan's own walk, which
    notes them anyway; so og:title is read from <head> first, and the scan is redone
    only when the page's other <meta>s change it (a <meta> in <body>, seldom).
    """
    head_element = tree.find("head")
    head_metas = () if head_element is None else tuple(head_element.iter("meta"))
    guess = _meta_values(tree, head_metas)
    # the hints are made only if the scan asks for them (a page without <h1>)
    scan = scan_page(tree, _headline_hints(title_tag, guess.get("og:title")),
                     max_bylines=_MAX_AUTHOR_ELEMENTS)
    if scan.body is None:  # no index (a tree libxml2 would not build): search it
        head = _meta_values(tree)
    else:
        metas = tuple(scan.elements(tree, "meta"))
        if _starts_with(metas, head_metas):
            if len(metas) == len(head_metas):
                return guess, scan  # every <meta> is in <head>: the guess is the answer
            # a third of pages have <meta>s in <body> too (itemprop ones): the values go
            # on from the guess, as the head's come first
            head = _meta_values(tree, metas[len(head_metas):], start=guess)
        else:
            head = _meta_values(tree, metas)
    # the hints count only on a page without <h1> in its body (see metalines._texts)
    if not scan.headlines and head.get("og:title") != guess.get("og:title"):
        scan = scan_page(tree, headline_hints(title_tag, head.get("og:title")),
                         max_bylines=_MAX_AUTHOR_ELEMENTS)
    return head, scan


def _headline_hints(title_tag: str | None, og_title: str | None) -> Iterator[str]:
    """:func:`headline_hints`, made when first iterated."""
    yield from headline_hints(title_tag, og_title)


def _starts_with(found: tuple[lxml_html.HtmlElement, ...],
                 first: tuple[lxml_html.HtmlElement, ...]) -> bool:
    """Whether ``found`` begins with the elements ``first``, the same ones in that order."""
    return len(found) >= len(first) and all(
        a is b for a, b in zip(found[:len(first)], first, strict=True))


def _meta_values(tree: lxml_html.HtmlElement,
                 metas: Iterable[lxml_html.HtmlElement] | None = None,
                 start: Mapping[str, str] | None = None) -> MappingProxyType:
    """First non-empty ``content`` of each <meta> name / property / itemprop, keys lower-case.

    ``metas``: the <meta> elements to read, in document order (default: all in ``tree``);
    ``start``: the values of the <meta>s before them.
    """
    values: dict[str, str] = {} if start is None else dict(start)
    for meta in tree.iter("meta") if metas is None else metas:
        # One items() call instead of five get()s; the keys of one <meta> share its content,
        # so the order they are met in does not matter.
        content = None
        keys = []
        for attribute, value in meta.items():
            if attribute == "content":
                content = value
            elif attribute in _META_KEY_ATTRIBUTES:
                keys.append(value)
        content = " ".join(content.split()) if content else None
        if not content:
            continue
        for key in keys:
            key = key.strip().lower()
            if key:
                values.setdefault(key, content)
    return MappingProxyType(values)


def _title_tag(tree: lxml_html.HtmlElement) -> str | None:
    # what tree.find("head/title") finds, without parsing the path on every page
    title = next((t for head in tree.iterchildren("head") for t in head.iterchildren("title")),
                 None)
    if title is None:
        title = next((t for t in tree.iter("title") if not t.xpath("ancestor::svg")), None)
    return title.text_content() if title is not None else None


def _headlines(tree: lxml_html.HtmlElement, scan: PageScan) -> tuple[str, ...]:
    headlines = []
    # the <h1>s in the page's one <body> are the ones "//body//h1" finds (see PageScan)
    h1s = scan.headlines[:5] if scan.body is not None else tree.xpath("//body//h1")[:5]
    for h1 in h1s:
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
    links = [href for a in element.iter("a") if a is not element
             and (href := a.get("href")) is not None]  # what ".//a/@href" finds
    return len(links) == 1 and links[0].strip() in ("/", "./", "index.html", "/index.html")


def _page_language(tree: lxml_html.HtmlElement, head: MappingProxyType,
                   facts: JsonLdFacts) -> str | None:
    for value in (tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
                  head.get("content-language"), head.get("og:locale"), facts.language):
        match = _LANG_CODE.match((value or "").strip().lower())
        if match:
            return match.group(1)
    return None


# ---------------------------------------------------------------- authors


def _authors(tree: lxml_html.HtmlElement, scan: PageScan, head: MappingProxyType,
             facts: JsonLdFacts, lines: tuple[MetaLine, ...], names: tuple[str, ...]
             ) -> tuple[tuple[str, ...], str | None]:
    sources: tuple[tuple[str, Callable[[], tuple[str, ...]]], ...] = (
        ("jsonld", lambda: facts.authors),
        ("meta", lambda: tuple(head[k] for k in _AUTHOR_KEYS if head.get(k)
                               and not head[k].startswith(("http://", "https://", "@")))),
        ("byline", lambda: _author_elements(tree, scan, names)),
        ("visible", lambda: tuple(b for b in (byline_in_line(line.text) for line in lines)
                                  if b)),
    )
    for source, values in sources:
        authors = clean_authors(values(), exclude=names)
        if authors:
            return authors, source
    return (), None


def _author_elements(tree: lxml_html.HtmlElement, scan: PageScan, names: tuple[str, ...]
                     ) -> tuple[str, ...]:
    """Texts of the article's byline element(s): the first innermost one that names a
    person, and its siblings. Later ones belong to teasers of other stories or comments."""
    marked = scan.bylines  # the walk for meta lines met them (the same as the XPath finds)
    if marked is None:
        marked = tuple(islice(_in_body(_AUTHOR_ELEMENTS(tree)), _MAX_AUTHOR_ELEMENTS))
    found = [e for e in marked if e.tag not in ("meta", "link", "script", "style", "img")]
    wrappers = set()  # found elements with another found element inside
    members = set(found)
    for element in found:
        for depth, ancestor in enumerate(element.iterancestors()):
            if depth >= _WRAPPER_DEPTH:
                break
            if ancestor in members:
                wrappers.add(ancestor)
    regions: dict = {}
    innermost = [e for e in found if e not in wrappers]
    # Whether an element is in page chrome is asked only of the elements looked at: the
    # ones up to the first that names a person, and its siblings (a chrome test walks the
    # ancestors; the answer is the same whenever it is asked).
    for first in innermost:
        if in_page_chrome(first, regions) or not clean_authors([_element_text(first)],
                                                              exclude=names):
            continue
        parent = first.getparent()
        siblings = (e for e in innermost
                    if e.getparent() is parent and not in_page_chrome(e, regions))
        return tuple(_element_text(e) for e in islice(siblings, 5))
    return ()


def _element_text(element: lxml_html.HtmlElement) -> str:
    # the first element ".//*[@itemprop='name']" finds, without an XPath call per element
    named = next((e for e in element.iterdescendants(etree.Element)
                  if e.get("itemprop") == "name"), None)
    text = " ".join(" ".join((element if named is None else named).itertext()).split())
    return text if len(text) <= _MAX_AUTHOR_TEXT else ""


def _tagged_outlets(tree: lxml_html.HtmlElement, scan: PageScan, site: str | None
                    ) -> tuple[str, ...]:
    """Outlets named by elements the page marks as the source (sina's ``class="source"``,
    163's ``#ne_article_source``), not a picture's source and not the site itself."""
    outlets = []
    marked = scan.sources if scan.sources is not None else _in_body(_SOURCE_CANDIDATES(tree))
    candidates = (e for e in marked
                  if _SOURCE_CLASS.search(e.get("class") or "")
                  or e.get("id") == "ne_article_source"
                  or e.get("itemprop") == "sourceOrganization")
    for element in islice(candidates, 5):
        around = [element, *list(element.iterancestors())[:3]]
        names = " ".join(f"{e.get('class', '')} {e.get('id', '')}" for e in around)
        if _NOT_SOURCE_PLACES.search(names) or any(e.tag in ("figure", "figcaption")
                                                    for e in around):
            continue  # a picture's source
        outlet = outlet_of_tagged_text(" ".join(element.itertext()))
        if outlet and (not site or _loose(outlet) != _loose(site)):
            outlets.append(outlet)
    return tuple(outlets)


def _in_body(elements: list[lxml_html.HtmlElement]) -> Iterator[lxml_html.HtmlElement]:
    """The elements inside a ``<body>`` (not the body itself), in the order given."""
    return (e for e in elements if any(a.tag == "body" for a in e.iterancestors()))


def _loose(name: str) -> str:
    """Case, spaces and punctuation ignored: "FOXBusiness" is "Fox Business"."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())
