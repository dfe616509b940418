"""The work one extraction worker does for one page: bytes in, a picklable outcome out.

Runs in a worker process (see :mod:`crawler.pool`), so it takes and returns only plain,
picklable values and never touches Scrapy or files.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from extractors import ContentError, ExtractionError, ExtractOptions, extract

from .page_kind import ListingThresholds, is_listing, link_stats

RECORD = "record"
LISTING = "listing"
ERROR = "error"


@dataclass(frozen=True)
class ExtractJob:
    body: bytes
    url: str  # asked for
    final_url: str  # after redirects: relative links and canonical resolve against it
    source: str
    fetched_at: str
    options: ExtractOptions
    listing: ListingThresholds = field(default_factory=ListingThresholds)


@dataclass(frozen=True)
class ExtractOutcome:
    kind: str  # record | listing | error
    record: dict[str, Any] | None = None
    reason: str = ""
    message: str = ""


def run_extract_job(job: ExtractJob) -> ExtractOutcome:
    try:
        article = extract(job.body, job.final_url, options=job.options)
    except ContentError as exc:
        if is_listing(link_stats(job.body), None, job.listing):
            return ExtractOutcome(LISTING, reason="links_without_body", message=str(exc))
        return ExtractOutcome(ERROR, reason=exc.reason, message=exc.message)
    except ExtractionError as exc:
        return ExtractOutcome(ERROR, reason=exc.reason, message=exc.message)
    except Exception as exc:  # a bug in a library must cost one page, not the crawl
        return ExtractOutcome(ERROR, reason="extractor_crashed",
                              message=f"{type(exc).__name__}: {exc}")
    if article.word_count < job.listing.article_words and is_listing(
            link_stats(job.body), article.word_count, job.listing):
        return ExtractOutcome(LISTING, reason="link_dense",
                              message=f"{article.word_count} body words among many links")
    article = replace(article, url=job.url, final_url=job.final_url, source=job.source,
                      fetched_at=job.fetched_at)
    return ExtractOutcome(RECORD, record=article.to_dict())
