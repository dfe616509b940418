"""Turn WARC files (Common Crawl's news crawl, say) into records, through the crawl's pipelines.

A spider with no downloads: its ``start()`` streams the WARC files and yields one
:class:`~crawler.items.PageItem` per HTML response record, so extraction (process pool),
duplicates, validation and the sinks are exactly those of ``thresher crawl``. A record that
cannot be read becomes an errors entry; a corrupt file becomes one errors entry (``kind``
"warc", the file as ``url``) and the next file goes on. Records that are not HTML pages are
counted in the stats (``thresher/warc/...``), never silently dropped.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import AsyncIterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler, CrawlerProcess

from .clock import run_id_now
from .context import CrawlContext, RunPlan
from .errors_output import PAGE, CrawlError
from .items import PageItem
from .run import CrawlOutcome, base_settings, crawl_settings, unaccounted_pages
from .sources import Source
from .warc import WarcPage, WarcProblem, iter_warc_pages

WARC_KIND = "warc"  # errors-output kind for a whole file that could not be read
VIA_WARC = "warc"


class WarcIngestSpider(Spider):
    name = "thresher_warc"

    def __init__(self, warc_files: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.warc_files = [Path(p) for p in warc_files]

    async def start(self) -> AsyncIterator[PageItem]:
        # Not in from_crawler: the crawler's stats (which the context uses) come later.
        self.context = CrawlContext.of(self.crawler)
        for path in self.warc_files:
            counts: Counter = Counter()
            for found in iter_warc_pages(path, counts):
                item = self._item_or_error(found)
                if item is not None:
                    yield item
            for key, value in counts.items():
                self.crawler.stats.inc_value(f"thresher/warc/{key}", value)
            self.crawler.stats.inc_value("thresher/warc/files")

    def _item_or_error(self, found: WarcPage | WarcProblem) -> PageItem | None:
        stats = self.crawler.stats
        if isinstance(found, WarcProblem):
            where = f"{found.warc_file} at offset {found.offset}"
            if found.url is None:  # the file itself: not a page
                self.context.errors.record(CrawlError(
                    found.warc_file, "fetch", _slug(found.reason), f"{where}: {found.reason}",
                    kind=WARC_KIND))
                return None
            stats.inc_value("thresher/pages_seen")
            self.context.errors.record(
                CrawlError(found.url, "fetch", _slug(found.reason), f"{where}: {found.reason}",
                           kind=PAGE))
            return None
        stats.inc_value("thresher/pages_seen")
        try:
            fingerprint = self._fingerprint(found.url)
        except ValueError as exc:  # a WARC-Target-URI Scrapy cannot make a request of
            self.context.errors.record(CrawlError(
                found.url, "fetch", "bad_url",
                f"{found.warc_file} at offset {found.offset}: {exc}", kind=PAGE))
            return None
        return PageItem(
            url=found.url, final_url=found.url, body=found.body,
            content_type=_header(found.headers, "content-type"), status=found.status,
            source=self.context.source.name, fetched_at=found.fetched_at,
            fingerprint=fingerprint, via=VIA_WARC)

    def _fingerprint(self, url: str) -> str:
        return self.crawler.request_fingerprinter.fingerprint(Request(url)).hex()


def ingest_warc_files(paths: Sequence[Path], source: Source, output_dir: Path, *,
                      settings: Mapping[str, Any] | None = None,
                      progress: bool = False) -> CrawlOutcome:
    """Run the ingest (one Scrapy crawl, so once per process) and return its outcome."""
    base = base_settings(settings)
    plan = RunPlan(source, run_id_now(), output_dir)
    process = CrawlerProcess(base)
    crawler = Crawler(WarcIngestSpider, crawl_settings(base, plan, progress), init_reactor=True)
    process.crawl(crawler, warc_files=[str(p) for p in paths])
    process.start()
    stats = {k: v if isinstance(v, int | float | str | bool) or v is None else str(v)
             for k, v in (crawler.stats.get_stats() if crawler.stats else {}).items()}
    stats["thresher/unaccounted"] = unaccounted_pages(stats)
    stats["thresher/run_id"] = plan.run_id
    plan.stats_path.parent.mkdir(parents=True, exist_ok=True)
    plan.stats_path.write_text(json.dumps(stats, indent=2, sort_keys=True) + "\n", "utf-8")
    return CrawlOutcome(plan, stats)


def _header(headers: Sequence[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def _slug(reason: str) -> str:
    """``warc_corrupt: ArchiveLoadFailed: ...`` -> ``warc_corrupt``."""
    return reason.split(":", 1)[0].strip() or "warc_unreadable"
