"""A SIGINT that comes before Scrapy's engine runs is held, then handed to Scrapy.

Used by the crawl child (``crawl_child.py``): the service stops a crawl with SIGINT, which is
Scrapy's graceful shutdown, but only once the engine runs.
"""

from __future__ import annotations

import os
import signal
from typing import Any

HELD_INTERRUPT_SETTING = "THRESHER_HELD_INTERRUPT"
INTERRUPT_GATE = "crawler.service.interrupts.InterruptGate"
RECHECK_SECONDS = 0.05


class HeldInterrupt:
    """Hold a SIGINT until Scrapy's engine runs, then hand it to Scrapy's own handler.

    Scrapy's graceful shutdown only works once the engine runs: before that (imports, the
    crawler being built, the spider_opened handlers starting the extraction pool and
    stores, which takes seconds) a SIGINT is either a KeyboardInterrupt in the middle of
    building the crawler or a stop that never closes the spider, leaving its files open.
    The service sends SIGINT whenever it must stop a crawl, so the child holds it until
    the engine runs and passes it on then.
    """

    def __init__(self) -> None:
        self.pending = False
        self._scrapy_handler: Any = None

    def __deepcopy__(self, memo: dict) -> HeldInterrupt:
        # Scrapy deep-copies its settings; the signal state is one per process: share it.
        return self

    def install(self) -> None:
        signal.signal(signal.SIGINT, self._hold)

    def _hold(self, signum: int, frame: object) -> None:
        self.pending = True

    def keep_holding(self, tries: int = 100) -> None:
        """At reactor startup Scrapy puts in its own handler: take it, and keep holding."""
        from twisted.internet import reactor

        handler = signal.getsignal(signal.SIGINT)
        if handler != self._hold:
            self._scrapy_handler = handler
            signal.signal(signal.SIGINT, self._hold)
        elif tries > 0:  # Scrapy's startup trigger has not run yet: look again next turn
            reactor.callLater(0, self.keep_holding, tries - 1)

    def release(self) -> None:
        """The engine runs: Scrapy's handler from now on, and any held SIGINT to it."""
        if self._scrapy_handler is not None:
            signal.signal(signal.SIGINT, self._scrapy_handler)
        if self.pending:
            os.kill(os.getpid(), signal.SIGINT)


class InterruptGate:
    """Scrapy extension wiring :class:`HeldInterrupt` to the reactor and the engine."""

    def __init__(self, crawler: Any, held: HeldInterrupt) -> None:
        self.crawler = crawler
        self.held = held

    @classmethod
    def from_crawler(cls, crawler: Any) -> InterruptGate:
        from scrapy import signals
        from scrapy.exceptions import NotConfigured
        from twisted.internet import reactor

        held = crawler.settings.get(HELD_INTERRUPT_SETTING)
        if not isinstance(held, HeldInterrupt):
            raise NotConfigured
        gate = cls(crawler, held)
        # Scrapy installs its handler in an "after startup" trigger that CrawlerProcess.start()
        # registers, later than this. Registering ours from a "before startup" trigger puts
        # it after Scrapy's, so no reactor turn runs with Scrapy's handler in place.
        reactor.addSystemEventTrigger("before", "startup", reactor.addSystemEventTrigger,
                                      "after", "startup", held.keep_holding)
        crawler.signals.connect(gate.release_when_running, signal=signals.engine_started)
        return gate

    def release_when_running(self) -> None:
        """``engine_started`` comes just before the engine counts as running: wait for it."""
        from twisted.internet import reactor

        engine = self.crawler.engine
        if engine is not None and not engine.running and self.crawler.crawling:
            reactor.callLater(RECHECK_SECONDS, self.release_when_running)
            return
        self.held.release()
