"""One state store handle per crawl, shared by the components that need it.

The conditional-request middleware and the changed-only, template and dedup pipelines all
read and write the same SQLite file; one connection for all of them means no writer ever
waits on another. Like :class:`crawler.context.CrawlContext`, the handle is created on first
use and kept on the crawler object (never in a module global); it closes on
``spider_closed``, which Scrapy sends after every pipeline has closed.

Where the file lives: ``THRESHER_STATE_PATH`` when set, else ``state.sqlite`` in the run's
output folder, next to ``thresher.sqlite``, so every run into the same output remembers.
"""

from __future__ import annotations

from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler

from .protocol import StateStore
from .sqlite import SQLiteStateStore

STATE_FILE = "state.sqlite"
_ATTRIBUTE = "_thresher_state"


def state_path(crawler: Crawler) -> Path:
    configured = crawler.settings.get("THRESHER_STATE_PATH")
    if configured:
        return Path(configured)
    plan = crawler.settings.get("THRESHER_RUN")
    output = getattr(plan, "output_dir", None)
    if output is None:
        raise RuntimeError("neither THRESHER_STATE_PATH nor THRESHER_RUN is set")
    return Path(output) / STATE_FILE


def crawl_state(crawler: Crawler) -> StateStore:
    """The crawl's state store: the one already put on the crawler (a cluster worker's
    PostgreSQL store, see ``crawler.cluster.shared_state``), else the SQLite file, opened on
    first use."""
    store = getattr(crawler, _ATTRIBUTE, None)
    if store is None:
        store = SQLiteStateStore.open(state_path(crawler))
        crawler.signals.connect(store.close, signal=signals.spider_closed)
        setattr(crawler, _ATTRIBUTE, store)
    return store
