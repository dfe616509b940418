"""Crawls started by ``scrapy crawl thresher`` (Scrapyd, a plain Scrapy project), not by
:mod:`crawler.run`.

``crawler.run`` hands the spider its run plan in the ``THRESHER_RUN`` setting. A crawl that
Scrapy's own command line (and so Scrapyd) starts has none, so the spider asks this module
to make one from settings:

* ``THRESHER_SOURCES``: the sources file (a Scrapy setting, e.g. Scrapyd's
  ``setting=THRESHER_SOURCES=...``, else the environment variable, else ``sources.toml``);
* ``THRESHER_OUTPUT``: where records, errors, stats and ``thresher.sqlite`` go (setting,
  else environment variable, else ``output``), the same files ``thresher crawl`` writes;
* ``-a source=NAME``: crawl that source only. Without it, every source of the file.

Scrapy runs one spider per crawler, and a source is one crawler (its own delay,
concurrency, private-address policy and output files), so "every source" is done the way
``crawler.run.run_crawls`` does it: this crawler takes the first source and starts one
sibling crawler per further source in the same process and reactor. The first crawler
stays open until its siblings end, so the process (and the Scrapyd job) ends with the last
of them; stopping the job (Scrapyd's cancel) stops the siblings cleanly too, before the
first crawler's own closing goes on. Items the siblings deliver are passed to the first
crawler's feed exports, so Scrapyd's items file, when it keeps one, holds every source's
records in one file.
"""

from __future__ import annotations

import json
import logging
import os
import signal
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.settings import Settings
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import Deferred, DeferredList

from .context import RunPlan
from .run import crawl_settings, plan_run, unaccounted_pages
from .sources import Source, SourcesError, find_source, load_sources
from .spiders.thresher import ThresherSpider

SOURCES = "THRESHER_SOURCES"
OUTPUT = "THRESHER_OUTPUT"
DEFAULT_SOURCES = "sources.toml"
DEFAULT_OUTPUT = "output"
SIBLINGS_PIPELINE = "crawler.standalone.SiblingCrawlsPipeline"
_ATTRIBUTE = "_thresher_siblings"  # the first crawler's _Siblings, for the pipeline

logger = logging.getLogger(__name__)


def setting_or_env(settings: Settings, name: str, default: str) -> Path:
    """A path from the Scrapy setting ``name``, else the environment variable, else default."""
    return Path(settings.get(name) or os.environ.get(name) or default)


def chosen_sources(settings: Settings, name: str | None) -> list[Source]:
    """The source named by ``-a source=NAME``, or every source of the sources file."""
    path = setting_or_env(settings, SOURCES, DEFAULT_SOURCES)
    try:
        sources = load_sources(path)
        return [find_source(sources, name)] if name else list(sources)
    except SourcesError as exc:
        raise SourcesError([f"{SOURCES}: {line}" for line in exc.problems]) from None


def plan_standalone(crawler: Crawler, source_name: str | None) -> None:
    """Give ``crawler`` (no ``THRESHER_RUN`` yet) the plan of its source, and siblings.

    Called from the spider's ``from_crawler``, before Scrapy freezes the crawler's settings.
    """
    sources = chosen_sources(crawler.settings, source_name)
    output = setting_or_env(crawler.settings, OUTPUT, DEFAULT_OUTPUT).resolve()
    base = _unfrozen(crawler.settings)
    first, *rest = sources
    plan = plan_run(first, output, None)
    # The crawler's own settings become exactly what crawler.run would have built for it.
    crawler.settings = _source_settings(base, plan)
    _write_stats_when_done(crawler, plan)
    if rest:
        siblings = _Siblings(crawler, [_sibling(base, plan_run(s, output, None)) for s in rest])
        siblings.connect()
        setattr(crawler, _ATTRIBUTE, siblings)
        pipelines = {**crawler.settings.getdict("ITEM_PIPELINES"), SIBLINGS_PIPELINE: 0}
        crawler.settings.set("ITEM_PIPELINES", pipelines, priority="cmdline")
    logger.info("Thresher under scrapy crawl: %s (sources file %s, output %s; code from %s)",
                ", ".join(s.name for s in sources),
                setting_or_env(crawler.settings, SOURCES, DEFAULT_SOURCES), output,
                Path(__file__).parent)


def _unfrozen(settings: Settings) -> Settings:
    copy = settings.copy()
    copy.frozen = False  # a copy of the process's (frozen) settings: ours to change
    return copy


def _source_settings(base: Settings, plan: RunPlan) -> Settings:
    settings = crawl_settings(base, plan, progress=False)
    jobdir = base.get("JOBDIR")  # Scrapyd's jobs_dir: one folder per job, one queue per crawler
    if jobdir:
        settings.set("JOBDIR", str(Path(jobdir) / plan.source.name), priority="cmdline")
    return settings


def _sibling(base: Settings, plan: RunPlan) -> Crawler:
    settings = _source_settings(base, plan)
    # One writer per feed file: the siblings' items go to the first crawler's exports.
    settings.set("FEEDS", {}, priority="cmdline")
    crawler = Crawler(ThresherSpider, settings)
    _write_stats_when_done(crawler, plan)
    return crawler


class _Siblings:
    """The further sources' crawlers, started and awaited by the first crawler."""

    def __init__(self, first: Crawler, crawlers: list[Crawler]) -> None:
        self.first = first
        self.crawlers = crawlers
        self.running: dict[Crawler, Deferred[Any]] = {}

    def connect(self) -> None:
        # Strong references: signals hold weak ones by default.
        connect = self.first.signals.connect
        connect(self.start, signal=signals.spider_opened, weak=False)
        connect(self.keep_open, signal=signals.spider_idle, weak=False)

    def start(self) -> None:
        self._stop_on_shutdown_signals()
        for crawler in self.crawlers:
            crawler.signals.connect(self.forward_item, signal=signals.item_scraped, weak=False)
            done = crawler.crawl()
            done.addErrback(self._failed, crawler)
            done.addBoth(self._ended, crawler)
            if not done.called:
                self.running[crawler] = done

    def forward_item(self, item: Any, response: Any) -> None:
        self.first.signals.send_catch_log(signals.item_scraped, item=item, response=response,
                                          spider=self.first.spider)

    def keep_open(self, spider: Spider) -> None:
        if self.running:
            raise DontCloseSpider

    def _stop_on_shutdown_signals(self) -> None:
        """Scrapy's shutdown signals (Scrapyd's cancel is SIGINT) stop the crawlers its
        process knows; the siblings are not among them. Stop them at the same moment: the
        first crawler's pipelines close (``stop_and_wait``) only after its in-flight
        downloads end, and by then a sibling may have finished its pages unstopped."""
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous = signal.getsignal(signum)
            if callable(previous):
                signal.signal(signum, partial(self._on_shutdown_signal, previous))

    def _on_shutdown_signal(self, previous: Callable[[int, Any], Any], signum: int,
                            frame: Any) -> None:
        from twisted.internet import reactor  # the running one (importing it early installs one)

        reactor.callFromThread(self._stop_running)
        previous(signum, frame)

    def _stop_running(self) -> None:
        for crawler in list(self.running):
            deferred_from_coro(crawler.stop_async())

    async def stop_and_wait(self) -> None:
        """The first crawler closes with siblings still running (cancel, shutdown, an
        error): stop them, and let its closing go on once they have closed."""
        if not self.running:
            return
        stopping = [deferred_from_coro(crawler.stop_async()) for crawler in self.running]
        await maybe_deferred_to_future(DeferredList([*stopping, *self.running.values()]))

    def _failed(self, failure: Any, crawler: Crawler) -> None:
        logger.error("crawl of %s failed: %s", _source_name(crawler), failure.getErrorMessage(),
                     exc_info=(failure.type, failure.value, failure.getTracebackObject()))

    def _ended(self, _: Any, crawler: Crawler) -> None:
        self.running.pop(crawler, None)


class SiblingCrawlsPipeline:
    """In the first crawler of a job with siblings only. A pipeline because pipelines close
    before ``spider_closed``, when the feed exports close: siblings stopped here still have
    their last items exported."""

    def __init__(self, siblings: _Siblings) -> None:
        self.siblings = siblings

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiblingCrawlsPipeline:
        return cls(getattr(crawler, _ATTRIBUTE))

    def process_item(self, item: Any) -> Any:
        return item

    async def close_spider(self) -> None:
        await self.siblings.stop_and_wait()


def _write_stats_when_done(crawler: Crawler, plan: RunPlan) -> None:
    """``<source>-<run>.stats.json`` beside the records, as ``thresher crawl`` writes it."""

    def write() -> None:
        stats = _plain(crawler.stats.get_stats()) if crawler.stats else {}
        stats["thresher/unaccounted"] = unaccounted_pages(stats)
        stats["thresher/run_id"] = plan.run_id
        plan.stats_path.parent.mkdir(parents=True, exist_ok=True)
        plan.stats_path.write_text(json.dumps(stats, indent=2, sort_keys=True) + "\n", "utf-8")
        if stats["thresher/unaccounted"]:
            logger.warning("%s: %d pages unaccounted for", plan.source.name,
                           stats["thresher/unaccounted"])

    crawler.signals.connect(write, signal=signals.engine_stopped, weak=False)


def _source_name(crawler: Crawler) -> str:
    plan = crawler.settings.get("THRESHER_RUN")
    return plan.source.name if isinstance(plan, RunPlan) else "?"


def _plain(stats: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v if isinstance(v, int | float | str | bool) or v is None else str(v)
            for k, v in stats.items()}
