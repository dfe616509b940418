"""The work one extraction worker does for one page: bytes in, a picklable outcome out.

Runs in a worker process (see :mod:`crawler.pool`), so it takes and returns only plain,
picklable values and never touches Scrapy or files. A worker imports this module and what it
needs (the extractors), nothing of the crawl: every module a worker loads is resident memory
in every worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from extractors import (
    Article,
    ContentError,
    ExtractionError,
    ExtractOptions,
    LanguagePending,
    extract,
    extract_without_language,
    with_language,
)

from .dedup.index import matching_text
from .dedup.shingles import shingle_hashes
from .dedup.signature import MinHasher, to_bytes
from .page_kind import ListingThresholds, PageLinks, _absolute, is_listing, read_page_links

RECORD = "record"
LISTING = "listing"
ERROR = "error"

_WARM_UP_PAGE = (b"<html><head><title>Warm up</title></head><body><article><p>"
                 + b"This short page loads the parsers and language models once. " * 8
                 + b"</p></article></body></html>")


def warm_up() -> None:
    """Run one tiny extraction, so lazily loaded parts (date parsing, the lexicon's tables)
    load while the first pages are still downloading (a worker's initializer). Not the
    language model: the crawl detects languages in its own process (``detect_language``)."""
    with contextlib.suppress(ExtractionError):
        extract_without_language(_WARM_UP_PAGE, "http://warm.up/page")


def warm_up_language() -> None:
    """Load the language model now, in the process that detects the languages."""
    with contextlib.suppress(ExtractionError):
        extract(_WARM_UP_PAGE, "http://warm.up/page")


@dataclass(frozen=True)
class ExtractJob:
    body: bytes
    url: str  # asked for
    final_url: str  # after redirects: relative links and canonical resolve against it
    source: str
    fetched_at: str
    options: ExtractOptions
    listing: ListingThresholds = field(default_factory=ListingThresholds)
    want_links: bool = False  # also return the page's link targets (the crawl follows them)
    listing_hint: bool = False  # the URL shape already says listing: links only, no extraction
    near_dup_signature: bool = False  # also return the record's MinHash signature (dedup on)
    # False: the record comes back as a LanguagePending for the caller to finish with
    # extractors.with_language, so no worker needs the ~54 MB language model.
    detect_language: bool = True


@dataclass(frozen=True)
class ExtractOutcome:
    kind: str  # record | listing | error
    record: dict[str, Any] | None = None
    reason: str = ""
    message: str = ""
    links: tuple[str, ...] = ()  # absolute link targets, when the job wanted them
    signature: bytes = b""  # the record's MinHash signature (default LSH parameters), if asked
    shingles: int = 0  # how many distinct shingles the signature is of
    # With job.detect_language False: the record, language still to detect (``record`` is
    # then None), and the signature was computed as for a record of no known language.
    pending: LanguagePending | None = None


# What read_page_links reads, as it drops these elements (and what is inside) first.
_NOT_DROPPED = ("[not(ancestor::script|ancestor::style|ancestor::noscript"
                "|ancestor::template)]")
_FOLLOWED_ANCHORS = f"//a[@href]{_NOT_DROPPED}|//area[@href]{_NOT_DROPPED}"
_BASE_HREF = f"//base{_NOT_DROPPED}/@href"


class _Links:
    """The page's links, parsed at most once and only when something needs them."""

    def __init__(self, job: ExtractJob) -> None:
        self.job = job
        self._links: PageLinks | None = None

    def get(self) -> PageLinks:
        """Link targets and link statistics (the listing test needs the statistics)."""
        if self._links is None:
            self._links = read_page_links(self.job.body, self.job.final_url)
        return self._links

    def urls(self) -> tuple[str, ...]:
        """The link targets alone: the same URLs as :meth:`get`, without counting the words
        of the page and of every link (an article's links are only followed, never judged;
        this is about a third of the link work, in the worker that is the crawl's limit)."""
        if self._links is not None:
            return self._links.urls
        try:
            tree = lxml_html.fromstring(self.job.body)
        except (etree.LxmlError, ValueError, TypeError, SyntaxError):  # as read_page_links
            return ()
        hrefs = tree.xpath(_BASE_HREF)
        base = (urljoin(self.job.final_url, hrefs[0].strip())
                if hrefs and hrefs[0].strip() else self.job.final_url)
        urls: dict[str, None] = {}
        for anchor in tree.xpath(_FOLLOWED_ANCHORS):
            url = _absolute(base, anchor.get("href", ""))
            if url:
                urls.setdefault(url)
        return tuple(urls)


TRIM_EVERY = 8  # pooled jobs between two returns of freed heap memory to the system

_pooled_jobs = itertools.count(1)


def run_pooled_job(job: ExtractJob) -> ExtractOutcome:
    """:func:`run_extract_job` in a pool worker, which every ``TRIM_EVERY`` jobs hands the
    heap pages freed by the last parses back to the system: without it a worker's resident
    size creeps ~15 MB above its warm size (freed, but fragmented glibc heap), and the
    workers' resident sizes add up. A trim takes about a millisecond."""
    outcome = run_extract_job(job)
    if next(_pooled_jobs) % TRIM_EVERY == 0:
        release_free_memory()
    return outcome


def release_free_memory() -> bool:
    """glibc's ``malloc_trim(0)``: free heap pages back to the system (False elsewhere)."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc only; musl and macOS have none
    except (OSError, AttributeError):
        return None


def run_extract_job(job: ExtractJob) -> ExtractOutcome:
    """Extract the article (or tell a listing or an error); add the links when asked.

    Link extraction runs here, in the worker, because it parses HTML too: the reactor
    thread only filters the URLs that come back.
    """
    links = _Links(job)
    outcome = _classify(job, links)
    if job.want_links:
        outcome = replace(outcome, links=links.urls())
    return outcome


def _classify(job: ExtractJob, links: _Links) -> ExtractOutcome:
    if job.listing_hint:
        return ExtractOutcome(LISTING, reason="url_shape")
    try:
        pending = extract_without_language(job.body, job.final_url, options=job.options)
        article = with_language(pending) if job.detect_language else pending.article
    except ContentError as exc:
        if is_listing(links.get().stats, None, job.listing):
            return ExtractOutcome(LISTING, reason="links_without_body", message=str(exc))
        return ExtractOutcome(ERROR, reason=exc.reason, message=exc.message)
    except ExtractionError as exc:
        return ExtractOutcome(ERROR, reason=exc.reason, message=exc.message)
    except Exception as exc:  # a bug in a library must cost one page, not the crawl
        return ExtractOutcome(ERROR, reason="extractor_crashed",
                              message=f"{type(exc).__name__}: {exc}")
    if article.word_count < job.listing.article_words and is_listing(
            links.get().stats, article.word_count, job.listing):
        return ExtractOutcome(LISTING, reason="link_dense",
                              message=f"{article.word_count} body words among many links")
    article = replace(article, url=job.url, final_url=job.final_url, source=job.source,
                      fetched_at=job.fetched_at)
    # Detected here: the record itself; else the record to finish, with the crawl's fields.
    pending = None if job.detect_language else replace(pending, article=article)
    record = article.to_dict() if job.detect_language else None
    if not job.near_dup_signature:
        return ExtractOutcome(RECORD, record=record, pending=pending)
    signature, shingles = near_dup_signature(article)
    return ExtractOutcome(RECORD, record=record, signature=signature, shingles=shingles,
                          pending=pending)


def near_dup_signature(article: Article) -> tuple[bytes, int]:
    """What :meth:`crawler.dedup.NearDupIndex.add` computes first (shingling and MinHash:
    the costliest step of the pipelines), done here so the reactor thread only looks up."""
    shingles = shingle_hashes(matching_text(article), article.language)
    return to_bytes(_min_hasher().signature(shingles)), len(shingles)


@functools.cache
def _min_hasher() -> MinHasher:
    return MinHasher()  # the default LSH parameters, as the dedup pipeline's index uses
