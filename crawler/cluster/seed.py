"""Seeding: start a cluster run of a source by putting its entry points on the shared queue.

A new run forgets the previous run's queue, seen-set and workers (refused while workers of
it are alive, unless forced), names the run, then queues the source's sitemaps and feeds
(always fetched, like the single-process spider does) and its start URLs (marked seen, so a
link back to the home page is not fetched twice). Requests are built exactly as the spider
builds them, with the same callbacks, meta and fingerprints.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy import Request
from scrapy.utils.request import RequestFingerprinter

from ..clock import run_id_now
from ..errors_output import PAGE
from ..sources import Source
from ..spiders.thresher import FEED, META, SITEMAP
from . import serializer
from .frontier import Frontier
from .spider import ClusterSpider


class ClusterError(Exception):
    """A cluster command cannot go on: says why."""


@dataclass(frozen=True)
class SeedReport:
    run_id: str
    queued: int


def seed(source: Source, frontier: Frontier, *, run_id: str | None = None,
         force: bool = False) -> SeedReport:
    alive = frontier.live_workers()
    if alive and not force:
        raise ClusterError(f"source {source.name}: {len(alive)} worker(s) of run "
                           f"{frontier.run_id()} are still running ({', '.join(alive)}); "
                           "wait for them or seed with --force")
    run_id = run_id or run_id_now()
    frontier.start_run(run_id)
    spider = ClusterSpider()  # only for naming callbacks in the serialised requests
    queued = 0
    for request in start_requests(source, spider):
        if not request.dont_filter:
            frontier.mark_seen(request.meta[META]["fp"])
        frontier.push(serializer.dumps(request.to_dict(spider=spider)), request.priority)
        queued += 1
    return SeedReport(run_id, queued)


def start_requests(source: Source, spider: ClusterSpider) -> list[Request]:
    fingerprinter = RequestFingerprinter()
    requests = []
    for url in source.sitemaps:
        requests.append(Request(url, callback=spider.parse_sitemap, errback=spider.on_error,
                                meta={META: {"kind": SITEMAP}}, dont_filter=True))
    for url in source.feeds:
        requests.append(Request(url, callback=spider.parse_feed, errback=spider.on_error,
                                meta={META: {"kind": FEED}}, dont_filter=True))
    seen: set[str] = set()
    for url in source.start_urls:
        request = Request(url, callback=spider.parse_page, errback=spider.on_error)
        fingerprint = fingerprinter.fingerprint(request).hex()
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        meta = {"kind": PAGE, "depth": 0, "via": "start", "lastmod": None, "fp": fingerprint}
        requests.append(request.replace(meta={META: meta}))
    return requests
