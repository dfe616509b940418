"""The typed, immutable article record (schema v1) and its JSON form.

Every field documents its format. Missing values are ``None`` (or an empty tuple), never a
guess dressed up as a value. Crawl-time fields (``source``, ``fetched_at``, ``final_url``,
``duplicate_of``, ``group_id``, ``revision``) are ``None`` when the record comes straight
from :func:`extractors.extract`; the crawler fills them with :func:`dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class RemovedText:
    """One piece of text a rule took out of the body (for review and the inspector)."""

    rule: str  # rule id, e.g. "lexicon:back_to_top" or "structure:link_list"
    text: str  # the removed text, whitespace-folded, at most a few hundred characters


@dataclass(frozen=True)
class ExtractionInfo:
    """How the record was made: versions, rules that fired, what was removed, and lint."""

    extractor: str = "thresher"
    versions: tuple[tuple[str, str], ...] = ()  # (package, version) pairs
    rules_fired: tuple[str, ...] = ()  # rule ids, sorted, each once
    removed: tuple[RemovedText, ...] = ()
    clutter_lint: tuple[str, ...] = ()  # known clutter phrases still present in `text`
    provenance: tuple[tuple[str, str], ...] = ()  # (field, where it came from)
    charset: str | None = None  # the charset the bytes were decoded with
    charset_source: str | None = None  # "bom" | "http" | "meta" | "detected" | "default"
    confidence: float = 0.0  # 0..1: how sure we are the body is the article

    def to_dict(self) -> dict[str, Any]:
        return {
            "extractor": self.extractor,
            "versions": dict(self.versions),
            "rules_fired": list(self.rules_fired),
            "removed": [asdict(r) for r in self.removed],
            "clutter_lint": list(self.clutter_lint),
            "provenance": dict(self.provenance),
            "charset": self.charset,
            "charset_source": self.charset_source,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Article:
    """One article, schema v1. See ``schema/article.schema.json`` for the JSON form."""

    id: str  # stable: blake2b-128 hex of the canonical URL (or of the content hash without URL)
    url: str | None  # the URL the page was asked for
    canonical_url: str | None  # rel=canonical / og:url when sane, else the normalised url
    title: str | None  # headline without the " | Site" suffix <title> often carries
    text: str  # plain text: paragraphs split by a blank line, list items one per line
    markdown: str  # headings, lists, tables and quotes kept
    word_count: int  # words (CJK characters count one each)
    content_hash: str  # sha256 hex of the whitespace-folded, lower-cased text
    language: str | None = None  # ISO 639-1, detected from the text
    authors: tuple[str, ...] = ()  # names only, no "By" / "Author:" labels
    published_at: str | None = None  # ISO 8601; with offset when the page gives one
    published_raw: str | None = None  # the date string as the page wrote it
    modified_at: str | None = None  # ISO 8601
    site_name: str | None = None  # the publishing site (og:site_name, or host)
    original_source: str | None = None  # the outlet a copy credits ("NBC News")
    description: str | None = None  # meta / og description
    final_url: str | None = None  # after redirects (crawler)
    source: str | None = None  # configured source name (crawler)
    fetched_at: str | None = None  # UTC ISO 8601 (crawler)
    duplicate_of: str | None = None  # id of the record judged original (dedup)
    group_id: str | None = None  # near-duplicate group (dedup)
    revision: int | None = None  # 1, 2, ... as the page changes (changed-only recrawls)
    previous_content_hash: str | None = None  # content hash of the previous revision
    extraction: ExtractionInfo = field(default_factory=ExtractionInfo)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: plain types only, keys in a stable order."""
        return {
            "schema_version": self.schema_version,
            "id": self.id,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "final_url": self.final_url,
            "source": self.source,
            "fetched_at": self.fetched_at,
            "published_at": self.published_at,
            "published_raw": self.published_raw,
            "modified_at": self.modified_at,
            "title": self.title,
            "authors": list(self.authors),
            "site_name": self.site_name,
            "original_source": self.original_source,
            "language": self.language,
            "description": self.description,
            "text": self.text,
            "markdown": self.markdown,
            "word_count": self.word_count,
            "content_hash": self.content_hash,
            "duplicate_of": self.duplicate_of,
            "group_id": self.group_id,
            "revision": self.revision,
            "previous_content_hash": self.previous_content_hash,
            "extraction": self.extraction.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict` (used by stores and replay)."""
        info = data.get("extraction") or {}
        extraction = ExtractionInfo(
            extractor=info.get("extractor", "thresher"),
            versions=tuple(sorted((info.get("versions") or {}).items())),
            rules_fired=tuple(info.get("rules_fired") or ()),
            removed=tuple(RemovedText(**r) for r in info.get("removed") or ()),
            clutter_lint=tuple(info.get("clutter_lint") or ()),
            provenance=tuple(sorted((info.get("provenance") or {}).items())),
            charset=info.get("charset"),
            charset_source=info.get("charset_source"),
            confidence=float(info.get("confidence") or 0.0),
        )
        simple = {k: data.get(k) for k in _SIMPLE_FIELDS}
        return cls(
            **simple,
            authors=tuple(data.get("authors") or ()),
            extraction=extraction,
            schema_version=int(data.get("schema_version", SCHEMA_VERSION)),
        )


_SIMPLE_FIELDS = (
    "id", "url", "canonical_url", "title", "text", "markdown", "word_count", "content_hash",
    "language", "published_at", "published_raw", "modified_at", "site_name", "original_source",
    "description", "final_url", "source", "fetched_at", "duplicate_of", "group_id", "revision",
    "previous_content_hash",
)
