"""Page metadata: title, authors, dates, site name, canonical URL, description."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html
from trafilatura.metadata import extract_metadata


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


_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|\band\b|\bund\b|\by\b|\bet\b|&|、)\s*")
_AUTHOR_LABEL = re.compile(r"^(?:by|von|por|par|author|autor|auteur|作者|记者)\s*[:：]?\s*", re.I)


def extract_page_metadata(tree: lxml_html.HtmlElement, url: str | None) -> Metadata:
    meta = extract_metadata(tree, default_url=url)
    authors = _split_authors(meta.author) if meta.author else ()
    return Metadata(
        title=meta.title or None,
        authors=authors,
        published_at=meta.date or None,
        published_raw=meta.date or None,
        modified_at=None,
        site_name=meta.sitename or None,
        canonical_url=meta.url or url,
        description=meta.description or None,
        provenance=(("title", "trafilatura"), ("published_at", "htmldate")),
    )


def _split_authors(raw: str) -> tuple[str, ...]:
    names = []
    for part in _AUTHOR_SPLIT.split(raw):
        name = _AUTHOR_LABEL.sub("", part).strip()
        if name and name not in names:
            names.append(name)
    return tuple(names)
