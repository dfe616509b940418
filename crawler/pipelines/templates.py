"""Pipeline: learn each site's template lines from its pages and strip them from its records.

Every record teaches its site's memory first, then leaves with the site's template lines
removed (listed in ``extraction.removed`` as ``template:<site>``). A site's first records are
held until it has shown ``THRESHER_TEMPLATE_WARMUP`` pages (default 10), so they are
stripped too; held records are let go early when the crawl has nothing else in flight (a
small site never reaches the warm-up) or after ``THRESHER_TEMPLATE_MAX_HOLD`` seconds. The
memory is saved to the state store as the crawl goes and at its end, and the next crawl of
the site starts with it.

Off with ``THRESHER_TEMPLATES = False``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, replace

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer, task

from extractors import Article

from ..items import RecordItem
from ..state.shared import crawl_state
from ..templates import TemplateMemory, TemplatePolicy

SAVE_EVERY = 200  # records between saves of the memory to the store
CHECK_SECONDS = 0.5


@dataclass
class _Held:
    item: RecordItem
    record: Article
    since: float
    released: defer.Deferred


class TemplatePipeline:
    def __init__(self, crawler: Crawler, policy: TemplatePolicy, max_hold: float) -> None:
        self.crawler = crawler
        self.policy = policy
        self.max_hold = max_hold
        self._held: dict[str, list[_Held]] = defaultdict(list)
        self._warm: set[str] = set()  # sites whose records are no longer held
        self._seen = 0
        self._watch: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TemplatePipeline:
        settings = crawler.settings
        if not settings.getbool("THRESHER_TEMPLATES", True):
            raise NotConfigured("template memory is off")
        policy = TemplatePolicy(warmup_pages=settings.getint("THRESHER_TEMPLATE_WARMUP", 10))
        return cls(crawler, policy, settings.getfloat("THRESHER_TEMPLATE_MAX_HOLD", 60.0))

    def open_spider(self) -> None:
        self.state = crawl_state(self.crawler)
        self.memory = TemplateMemory(self.state.templates, self.policy)
        self._watch = task.LoopingCall(self._release_when_stuck)
        self._watch.start(CHECK_SECONDS, now=False)

    def close_spider(self) -> None:
        if self._watch is not None and self._watch.running:
            self._watch.stop()
        self._release_all()
        self._save()

    async def process_item(self, item: object) -> object:
        if not isinstance(item, RecordItem):
            return item
        record = Article.from_dict(item.record)
        learner = self.memory.observe(record)
        self._seen += 1
        if self._seen % SAVE_EVERY == 0:
            self._save()
        site = learner.site
        if site not in self._warm and learner.pages < self.policy.warmup_pages:
            held = _Held(item, record, time.monotonic(), defer.Deferred())
            self._held[site].append(held)
            return await maybe_deferred_to_future(held.released)
        self._warm.add(site)
        self._release(site)
        return self._stripped(item, record)

    def _stripped(self, item: RecordItem, record: Article) -> RecordItem:
        cleaned = self.memory.strip(record)
        if cleaned is record:
            return item
        self.crawler.stats.inc_value("thresher/template_stripped")
        return replace(item, record={**item.record, **cleaned.to_dict()})

    def _release(self, site: str) -> None:
        for held in self._held.pop(site, ()):
            try:
                result = self._stripped(held.item, held.record)
            except Exception as exc:  # that record fails alone (item_error), not the releaser
                held.released.errback(exc)
            else:
                held.released.callback(result)

    def _release_all(self) -> None:
        for site in list(self._held):
            self._release(site)

    def _release_when_stuck(self) -> None:
        """Let held records go when nothing else is in flight, or when held too long."""
        if not self._held:
            return
        held_count = sum(len(h) for h in self._held.values())
        if self._only_held_records_in_flight(held_count):
            self._release_all()
            return
        deadline = time.monotonic() - self.max_hold
        for site in [s for s, h in self._held.items() if h[0].since < deadline]:
            self._release(site)

    def _only_held_records_in_flight(self, held_count: int) -> bool:
        """The engine would be idle but for the records held here (or it backs out because
        of them): waiting longer would wait forever."""
        engine = self.crawler.engine
        try:
            scraper_slot = engine.scraper.slot
            if scraper_slot.needs_backout():
                return True
            scheduler = engine._slot.scheduler  # no public accessor in Scrapy
            return (engine._start is None and not engine.downloader.active
                    and not scheduler.has_pending_requests() and not scraper_slot.queue
                    and scraper_slot.itemproc_size <= held_count)
        except AttributeError:  # another Scrapy: fall back on the hold deadline alone
            return False

    def _save(self) -> None:
        self.memory.save()
        self.state.commit()
