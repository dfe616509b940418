"""Run crawls programmatically: sources in, output files and a summary per source out.

    from crawler.run import run_crawls
    outcomes = run_crawls([source], Path("output"), jobdir=Path("jobs"))

Starts a Twisted reactor, so call it once per process (tests run it in a subprocess). For
each source: ``<output>/<source>-<run_id>.jsonl`` (records), ``...errors.jsonl``,
``...stats.json``, and the shared ``<output>/thresher.sqlite``.

With a job directory a run can be resumed after any stop, even kill -9: ``<jobdir>/<source>/``
holds ``run.json`` (run id and state) and ``done.txt`` (the ledger). Scrapy's own JOBDIR
queue (``scrapy/``) is reused only after a clean stop; after a crash it is discarded and the
spider re-discovers from its start URLs, sitemaps and feeds, skipping pages in the ledger.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

from .clock import run_id_now
from .context import RunPlan
from .sources import Source
from .spiders.thresher import ThresherSpider

RUNNING, STOPPED, FINISHED = "running", "stopped", "finished"
SETTINGS_MODULE = "crawler.settings"


@dataclass(frozen=True)
class CrawlOutcome:
    plan: RunPlan
    stats: dict[str, Any]

    @property
    def finish_reason(self) -> str:
        return str(self.stats.get("finish_reason", "unknown"))

    @property
    def ok(self) -> bool:
        return self.finish_reason == "finished" and self.stats.get("thresher/unaccounted", 0) == 0


def base_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    """Thresher's settings module plus ``overrides`` (dict settings are merged, not replaced)."""
    settings = Settings()
    settings.setmodule(SETTINGS_MODULE, priority="project")
    for key, value in (overrides or {}).items():
        if isinstance(value, dict) and isinstance(settings.get(key), Mapping | Settings):
            merged = settings.getdict(key)
            merged.update(value)
            value = merged
        settings.set(key, value, priority="cmdline")
    return settings


def plan_run(source: Source, output_dir: Path, jobdir: Path | None) -> RunPlan:
    """Pick the run id: a new one, or the unfinished run's from the job directory."""
    if jobdir is None:
        return RunPlan(source, run_id_now(), output_dir)
    source_jobdir = jobdir / source.name
    state = _read_run_state(source_jobdir)
    if state is not None and state.get("state") in (RUNNING, STOPPED):
        if state["state"] == RUNNING:  # killed: Scrapy's queue files cannot be trusted
            shutil.rmtree(source_jobdir / "scrapy", ignore_errors=True)
        return RunPlan(source, state["run_id"], output_dir, source_jobdir, resumed=True)
    shutil.rmtree(source_jobdir, ignore_errors=True)  # the last run finished: start afresh
    return RunPlan(source, run_id_now(), output_dir, source_jobdir)


def crawl_settings(base: Settings, plan: RunPlan, progress: bool) -> Settings:
    settings = base.copy()
    source = plan.source
    per_source: dict[str, Any] = {
        "THRESHER_RUN": plan,
        "DOWNLOAD_DELAY": source.delay,
        "CONCURRENT_REQUESTS_PER_DOMAIN": source.concurrency,
        "GUARD_ALLOW_PRIVATE": source.allow_private,
        "THRESHER_DEDUP_DROP_COPIES": source.drop_copies,
        "THRESHER_PROGRESS": progress,
    }
    if plan.jobdir is not None:
        per_source["JOBDIR"] = str(plan.jobdir / "scrapy")
    for key, value in per_source.items():
        settings.set(key, value, priority="spider")
    return settings


def run_crawls(sources: Sequence[Source], output_dir: Path, *, jobdir: Path | None = None,
               settings: Mapping[str, Any] | None = None,
               progress: bool = False) -> list[CrawlOutcome]:
    """Crawl every source (concurrently, one crawler each) and wait until all are done."""
    base = base_settings(settings)
    process = CrawlerProcess(base)
    runs: list[tuple[RunPlan, Crawler]] = []
    for index, source in enumerate(sources):
        plan = plan_run(source, output_dir, jobdir)
        if plan.jobdir is not None:
            _write_run_state(plan, RUNNING)
        crawler = Crawler(ThresherSpider, crawl_settings(base, plan, progress),
                          init_reactor=index == 0)
        process.crawl(crawler)
        runs.append((plan, crawler))
    process.start()
    return [_finish(plan, crawler) for plan, crawler in runs]


def _finish(plan: RunPlan, crawler: Crawler) -> CrawlOutcome:
    stats = _plain(crawler.stats.get_stats()) if crawler.stats else {}
    stats["thresher/unaccounted"] = unaccounted_pages(stats)
    stats["thresher/run_id"] = plan.run_id
    plan.stats_path.parent.mkdir(parents=True, exist_ok=True)
    plan.stats_path.write_text(json.dumps(stats, indent=2, sort_keys=True) + "\n", "utf-8")
    if plan.jobdir is not None:
        _write_run_state(plan, FINISHED if stats.get("finish_reason") == "finished" else STOPPED)
    return CrawlOutcome(plan, stats)


def unaccounted_pages(stats: Mapping[str, Any]) -> int:
    """Pages seen minus every way a page can end: must be 0 (nothing dropped silently)."""
    ended = sum(int(stats.get(f"thresher/{key}", 0))
                for key in ("records", "errors", "skipped_listing", "duplicates",
                            "not_modified", "unchanged"))
    return int(stats.get("thresher/pages_seen", 0)) - ended


def _plain(stats: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v if isinstance(v, int | float | str | bool) or v is None else str(v)
            for k, v in stats.items()}


def _read_run_state(source_jobdir: Path) -> dict[str, Any] | None:
    try:
        state = json.loads((source_jobdir / "run.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and "run_id" in state else None


def _write_run_state(plan: RunPlan, state: str) -> None:
    assert plan.jobdir is not None
    plan.jobdir.mkdir(parents=True, exist_ok=True)
    path = plan.jobdir / "run.json"
    temporary = path.with_name("run.json.tmp")
    temporary.write_text(json.dumps({"run_id": plan.run_id, "state": state,
                                     "source": plan.source.name}) + "\n", "utf-8")
    temporary.replace(path)
