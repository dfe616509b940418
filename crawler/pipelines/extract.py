"""Pipeline: ``PageItem`` -> ``RecordItem`` through the extraction process pool.

The reactor thread never parses HTML here: it hands the bytes to :class:`ExtractionPool` and
awaits the outcome, which also carries the page's links when the spider wants them followed
(they go back to ``spider.follow_links``). A listing page is counted
(``thresher/skipped_listing``) and dropped; a failed extraction becomes an errors-output line
(stage ``extract``) and is dropped.
"""

from __future__ import annotations

from dataclasses import replace

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from w3lib.encoding import http_content_type_encoding

from extractors import with_language

from ..context import CrawlContext
from ..dedup.index import matching_text
from ..dedup.shingles import uses_characters
from ..errors_output import CrawlError
from ..extract_job import ERROR, LISTING, RECORD, ExtractJob, ExtractOutcome, warm_up_language
from ..items import NearDupSignature, PageItem, RecordItem
from ..pool import ExtractionPool, default_workers


class ExtractPipeline:
    def __init__(self, crawler: Crawler, workers: int, start_method: str) -> None:
        self.crawler = crawler
        self.pool = ExtractionPool(workers, start_method)
        # The dedup pipeline's signature is computed in the worker too (see near_dup_signature).
        self.near_dup = crawler.settings.getbool("THRESHER_DEDUP", True)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        workers = crawler.settings.getint("THRESHER_EXTRACT_WORKERS", -1)
        return cls(crawler, default_workers() if workers < 0 else workers,
                   crawler.settings.get("THRESHER_EXTRACT_START_METHOD", "spawn"))

    def open_spider(self) -> None:
        self.context = CrawlContext.of(self.crawler)
        self.options = self.context.source.extract_options()
        self.pool.start()
        if self.pool.workers:
            warm_up_language()  # languages are detected in this process: load the model now

    def close_spider(self) -> None:
        self.pool.shutdown()

    async def process_item(self, item: object) -> object:
        if not isinstance(item, PageItem):
            return item
        outcome = _finished(await maybe_deferred_to_future(self.pool.run(self._job(item))))
        self._follow(item, outcome.links)
        stats = self.crawler.stats
        if outcome.kind == RECORD and outcome.record is not None:
            stats.inc_value("thresher/extracted")
            signed = _near_dup(outcome)
            if signed is not None:
                self.context.near_dup[item.fingerprint] = signed
            return RecordItem(outcome.record, item.url, item.fingerprint)
        if outcome.kind == LISTING:
            stats.inc_value("thresher/skipped_listing")
            stats.inc_value(f"thresher/skipped_listing/{outcome.reason}")
            raise DropItem(f"listing page ({outcome.reason}): {item.url}", log_level="DEBUG")
        self.context.errors.record(
            CrawlError(item.url, "extract", outcome.reason, outcome.message), item.fingerprint)
        raise DropItem(f"extract {outcome.reason}: {item.url}", log_level="DEBUG")

    def _follow(self, item: PageItem, links: tuple[str, ...]) -> None:
        """Hand the links the worker found to the spider, which decides what to crawl."""
        follow = getattr(self.crawler.spider, "follow_links", None)
        if not links or follow is None:
            return
        for request in follow(item, links):
            self.crawler.engine.crawl(request)

    def _job(self, item: PageItem) -> ExtractJob:
        charset = (http_content_type_encoding(item.content_type)
                   if item.content_type else None)
        options = replace(self.options, http_charset=charset,
                          http_content_type=item.content_type)
        return ExtractJob(body=item.body, url=item.url, final_url=item.final_url,
                          source=item.source, fetched_at=item.fetched_at, options=options,
                          want_links=item.follow_links, listing_hint=item.listing_hint,
                          near_dup_signature=self.near_dup,
                          detect_language=self.pool.workers == 0)  # else: done here


def _finished(outcome: ExtractOutcome) -> ExtractOutcome:
    """The outcome with its record as a dict: when the worker left the language to this
    process (ExtractJob.detect_language: one language model in the crawl instead of one per
    worker), completed here. A failure to complete it is an extract error, as it would have
    been in the worker: one page lost to a bug, not the crawl."""
    if outcome.pending is None:
        return outcome
    try:
        record = with_language(outcome.pending).to_dict()
    except Exception as exc:
        return ExtractOutcome(ERROR, reason="extractor_crashed", links=outcome.links,
                              message=f"language detection: {type(exc).__name__}: {exc}")
    return replace(outcome, record=record)


def _near_dup(outcome: ExtractOutcome) -> NearDupSignature | None:
    record = outcome.record
    if not outcome.signature or record is None:
        return None
    text, title, language = record.get("text") or "", record.get("title"), record.get("language")
    if outcome.pending is not None:
        # Worked out for no known language: the same signature for this language unless the
        # language changes how the text is cut into shingles. If it does, the signature
        # says "no language", does not match the record, and the dedup pipeline makes its own.
        matching = matching_text(outcome.pending.article)
        if uses_characters(matching, language) != uses_characters(matching, None):
            language = None
    return NearDupSignature(text, title, language, outcome.signature, outcome.shingles)
