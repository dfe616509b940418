"""What the page says about itself: its headline and its own name.

Both turn up as lines of the extracted body (the headline above the story, the site's
name as logo text or in the footer) and neither is article text: the record carries the
title in its own field. Read from the parsed page before trafilatura runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

_TITLES = etree.XPath(
    "//head/title//text() | //meta[@property='og:title' or @name='twitter:title' "
    "or @name='title' or @property='twitter:title']/@content | (//h1)[position() <= 3]"
)
_SITE_NAMES = etree.XPath(
    "//meta[@property='og:site_name' or @name='application-name' "
    "or @name='apple-mobile-web-app-title' or @name='twitter:site']/@content"
)
# "Headline | Site", "Headline_Site", "Headline,Outlet" (a comma with no space after it,
# between letters: "1,000" and "Paris, France" stay whole).
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»·•]\s+|\s*[_｜]\s*|\s+::\s+|(?<=[^\d\s]),(?=[^\d\s])")
_MIN_TITLE_CHARS = 12  # a shorter "headline" ("Home", "News", "体育") is a section name
_WORD = re.compile(r"\w+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_TRAILING_NUMBER = re.compile(r"\d+$")
# Host labels that never name a site: "www.", "m.", and second-level public suffixes.
_HOST_NOISE = frozenset({"www", "m", "amp", "mobile", "news", "co", "com", "org", "net", "gov",
                         "ac", "edu", "ne", "or"})
_MIN_HOST_NAME = 5  # shorter host names ("bbc", "cnn") are too easily a word of the story
_MAX_SITE_NAME = 60


@dataclass(frozen=True)
class PageFacts:
    titles: frozenset[str] = frozenset()  # headline keys (title_key)
    site_names: frozenset[str] = frozenset()  # site-name keys (site_key)

    def is_title(self, line: str) -> bool:
        return bool(self.titles) and title_key(line) in self.titles

    def is_site_name(self, line: str) -> bool:
        if not self.site_names or len(line) > _MAX_SITE_NAME:
            return False
        key = site_key(line)
        return bool(key) and (key in self.site_names
                              or _TRAILING_NUMBER.sub("", key) in self.site_names)


def page_facts(tree: lxml_html.HtmlElement, url: str | None) -> PageFacts:
    titles: set[str] = set()
    parts: list[str] = []
    for found in _TITLES(tree):
        text = found.text_content() if isinstance(found, etree._Element) else str(found)
        pieces = [p for p in _TITLE_SEPARATORS.split(text) if p.strip()]
        for part in (text, *pieces):
            key = title_key(part)
            if len(key) >= _MIN_TITLE_CHARS:
                titles.add(key)
        if len(pieces) > 1:  # "Headline | Site": every part but the headline may be the site
            longest = max(pieces, key=len)
            parts.extend(p for p in pieces if p is not longest)
    names = {site_key(n) for n in (*_SITE_NAMES(tree), *parts) if len(n) <= _MAX_SITE_NAME}
    names.update(_host_names(url))
    return PageFacts(frozenset(titles), frozenset(n for n in names if n))


def title_key(text: str) -> str:
    """A headline compared on its words only: case, punctuation and spacing ignored."""
    return " ".join(_WORD.findall(text)).lower()


def site_key(text: str) -> str:
    """A site name compared on letters and digits only ("Info Direct" == "InfoDirect")."""
    return _NOT_ALNUM.sub("", str(text).lstrip("@")).lower()


def _host_names(url: str | None) -> set[str]:
    host = urlsplit(url).hostname if url else None
    if not host:
        return set()
    labels = [x for x in host.split(".")[:-1] if x not in _HOST_NOISE]
    return {site_key(x) for x in labels[-1:] if len(x) >= _MIN_HOST_NAME}
