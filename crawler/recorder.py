"""Fetch a list of URLs once each and save every final response in the fixture layout.

The fetch goes through Thresher's own Scrapy settings (network guard, robots.txt, retries,
redirects, size caps), so a recording is what a crawl would have seen. robots.txt itself is
not saved: a fixture folder holds pages. Returns one :class:`RecordOutcome` per URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.settings import Settings
from twisted.python.failure import Failure

from .capture_options import capture_settings
from .recording import case_name
from .spiders.failures import classify_failure


@dataclass(frozen=True)
class RecordOutcome:
    url: str
    case: Path | None  # the case folder written, None when nothing was saved
    problem: str | None = None  # "reason: message" when the URL did not give a usable page


class RecordSpider(scrapy.Spider):
    name = "thresher_record"

    def __init__(self, urls: Sequence[str], into: Path, outcomes: list[RecordOutcome],
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = list(urls)
        self.into = into
        self.outcomes = outcomes

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.saved, errback=self.failed,
                                 dont_filter=True, cb_kwargs={"asked": url})

    def saved(self, response: Response, asked: str):
        self.outcomes.append(RecordOutcome(asked, self.into / case_name(asked)))
        return ()

    def failed(self, failure: Failure):
        asked = failure.request.cb_kwargs.get("asked", failure.request.url)
        info = classify_failure(failure)
        response = getattr(failure.value, "response", None)
        # An HTTP error page was still saved by the record middleware; say so.
        case = self.into / case_name(asked) if response is not None else None
        self.outcomes.append(RecordOutcome(asked, case, f"{info.reason}: {info.message}"))
        return ()


def record_settings(into: Path, allow_private: bool) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    updates: dict[str, Any] = {
        "GUARD_ALLOW_PRIVATE": allow_private,
        "THRESHER_RECORD_SKIP_ROBOTS": True,
        "THRESHER_CHANGED_ONLY": False,  # a recording wants the page, never a 304
        "ITEM_PIPELINES": {},
        "EXTENSIONS": {"crawler.progress.ProgressLine": None},
        "AUTOTHROTTLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
    }
    updates.update(capture_settings(record_into=into, record_redirect_hops=False))
    for key, value in updates.items():
        if key == "DOWNLOADER_MIDDLEWARES":
            value = {**settings.getdict(key), **value}
        settings.set(key, value, priority="cmdline")
    return settings


def record_urls(urls: Sequence[str], into: Path, *, allow_private: bool = False,
                ) -> list[RecordOutcome]:
    """Fetch ``urls`` into ``into``. Runs a Scrapy crawl: once per process (one reactor)."""
    outcomes: list[RecordOutcome] = []
    process = CrawlerProcess(record_settings(into, allow_private))
    process.crawl(RecordSpider, urls=urls, into=into, outcomes=outcomes)
    process.start()
    by_url = {o.url: o for o in outcomes}
    return [by_url.get(url, RecordOutcome(url, None, "not_fetched: the crawl ended first"))
            for url in urls]
