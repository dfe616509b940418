"""The typed rows the state store keeps: page visits, site template lines, dedup entries."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Validators:
    """HTTP cache validators a response carried, for the next conditional request."""

    etag: str | None = None
    last_modified: str | None = None  # the header value verbatim (an HTTP date)

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True)
class PageState:
    """What we know about one URL after its last delivered record."""

    url: str  # canonicalised URL (w3lib), the key
    record_id: str
    revision: int  # revision of the last delivered record: 1, 2, ...
    content_hash: str  # content hash of the last delivered record (after template stripping)
    extracted_hash: str  # content hash straight from extraction (before template stripping)
    key_hash: str  # hash of the key fields: title, published_at, authors
    last_seen: str  # UTC ISO 8601 of the last visit, 304s included
    validators: Validators = Validators()


@dataclass(frozen=True)
class LineStats:
    """How often one (whitespace- and case-folded) line occurred on one site's pages."""

    key: str  # the folded line
    text: str  # the line as first seen, for review and for `extraction.removed`
    pages: int  # pages it appeared on
    interior: int  # of those, pages where it sat between two prose paragraphs
    words: int
    first_page: int  # the site's page counter when it was first seen (for pruning)


@dataclass(frozen=True)
class SiteLines:
    """The learned line statistics of one site."""

    site: str
    pages: int  # pages learned from (revisions count again)
    lines: tuple[LineStats, ...] = ()


@dataclass(frozen=True)
class DedupEntry:
    """One record in the near-duplicate index."""

    record_id: str
    group_id: str
    content_hash: str
    site: str  # host of the record's URL, "www." dropped
    site_name: str | None
    original_source: str | None  # the outlet the record credits
    published_at: str | None
    shingles: int  # size of the shingle set (to turn Jaccard into containment)
    signature: bytes  # MinHash values, little-endian uint32
    seen: int = 0  # insertion order, assigned by the store
