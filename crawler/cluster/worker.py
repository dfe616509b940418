"""Run one cluster worker: crawl a seeded source from the shared frontier until it is quiet.

    from crawler.cluster.worker import run_worker
    outcome = run_worker(source, config, Path("output"))

Starts a Twisted reactor, so once per process (``thresher cluster worker`` is the usual way).
The worker's records go to the PostgreSQL sink; its errors and stats go to
``<output>/<source>-<run>-<worker>.errors.jsonl`` / ``.stats.json`` on its own machine.
When the crawl finished normally, the worker settles the near-duplicate groups
(:mod:`.settle`): idempotent, so every worker can do it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess

from ..run import base_settings, crawl_settings, unaccounted_pages
from ..sources import Source
from .config import ClusterConfig, new_worker_id
from .plan import ClusterRunPlan
from .seed import ClusterError
from .settings import cluster_settings
from .settle import SettleReport, settle
from .spider import ClusterSpider


@dataclass(frozen=True)
class WorkerOutcome:
    plan: ClusterRunPlan
    stats: dict[str, Any]
    settled: SettleReport | None = None

    @property
    def finish_reason(self) -> str:
        return str(self.stats.get("finish_reason", "unknown"))

    @property
    def ok(self) -> bool:
        return self.finish_reason == "finished" and self.stats.get("thresher/unaccounted", 0) == 0


def run_worker(source: Source, config: ClusterConfig, output_dir: Path, *,
               settings: Mapping[str, Any] | None = None, progress: bool = False,
               settle_after: bool = True) -> WorkerOutcome:
    config = replace(config, source=source.name, worker=config.worker or new_worker_id())
    run_id = config.frontier().run_id()
    if run_id is None:
        raise ClusterError(f"source {source.name}: no cluster run in Redis under "
                           f"{config.keys.base}; run `thresher cluster seed` first")
    plan = ClusterRunPlan(source, f"{run_id}-{config.worker}", output_dir, pg=config.pg,
                          cluster_run=run_id, worker=config.worker)
    base = base_settings({**cluster_settings(config), **(settings or {})})
    process = CrawlerProcess(base)
    crawler = Crawler(ClusterSpider, crawl_settings(base, plan, progress), init_reactor=True)
    process.crawl(crawler)
    process.start()
    stats = _plain(crawler.stats.get_stats()) if crawler.stats else {}
    stats["thresher/unaccounted"] = unaccounted_pages(stats)
    stats["thresher/run_id"] = run_id
    stats["thresher/cluster/worker"] = config.worker
    plan.stats_path.parent.mkdir(parents=True, exist_ok=True)
    plan.stats_path.write_text(json.dumps(stats, indent=2, sort_keys=True) + "\n", "utf-8")
    settled = None
    if settle_after and config.pg is not None and stats.get("finish_reason") == "finished":
        settled = settle(config.pg)
    return WorkerOutcome(plan, stats, settled)


def _plain(stats: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v if isinstance(v, int | float | str | bool) or v is None else str(v)
            for k, v in stats.items()}
