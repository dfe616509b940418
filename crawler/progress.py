"""Extension: a live progress line on stderr (pages fetched, records, errors, rate).

On only when ``THRESHER_PROGRESS`` is true (``thresher crawl --progress``, or stderr is a
terminal). Reads the stats from the reactor thread: on a terminal, a rich live line redrawn
twice a second; elsewhere (``--progress`` into a log file) a plain line every few seconds.
"""

from __future__ import annotations

import time

from rich.console import Console
from rich.live import Live
from rich.text import Text
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet.task import LoopingCall

REFRESH_SECONDS = 0.5
PLAIN_EVERY_SECONDS = 5.0


def progress_text(name: str, stats: dict, elapsed: float) -> Text:
    pages = stats.get("thresher/pages_seen", 0)
    rate = pages / elapsed if elapsed > 0 else 0.0
    return Text.assemble(
        (f"{name} ", "bold"),
        f"pages {pages}  ",
        ("records ", "green"), f"{stats.get('thresher/records', 0)}  ",
        ("errors ", "red"), f"{stats.get('thresher/errors', 0)}  ",
        f"listings {stats.get('thresher/skipped_listing', 0)}  ",
        f"dup {stats.get('thresher/duplicates', 0)}  ",
        f"{rate:.1f} pages/s",
    )


class ProgressLine:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.console = Console(stderr=True)
        self.live: Live | None = None
        self.loop: LoopingCall | None = None
        self.started = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLine:
        if not crawler.settings.getbool("THRESHER_PROGRESS"):
            raise NotConfigured
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        if self.console.is_terminal:
            self.live = Live(self._text(), console=self.console, transient=True,
                             auto_refresh=False)
            self.live.start()
            self.loop = LoopingCall(self._refresh)
            self.loop.start(REFRESH_SECONDS, now=False)
        else:
            self.loop = LoopingCall(self._print_plain)
            self.loop.start(PLAIN_EVERY_SECONDS, now=False)

    def _text(self) -> Text:
        name = self.crawler.spider.name if self.crawler.spider else "crawl"
        source = getattr(self.crawler.spider, "source", None)
        label = source.name if source is not None else name
        return progress_text(label, self.crawler.stats.get_stats(),
                             time.monotonic() - self.started)

    def _refresh(self) -> None:
        if self.live is not None:
            self.live.update(self._text(), refresh=True)

    def _print_plain(self) -> None:
        self.console.file.write(self._text().plain + "\n")
        self.console.file.flush()

    def spider_closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.live is not None:
            self.live.stop()
            self.live = None
