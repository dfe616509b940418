"""The service as one object: start the stores and the scheduler, run sources, shut down.

The HTTP app (``api.py``) and the ``thresher service`` command both drive this object; it
knows nothing of HTTP.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from ..sources import Source
from .clock import Clock, iso, utc_now
from .config import ServiceConfig
from .feed import RecordFeed
from .pages import PageArchive
from .runner import CrawlRunner
from .runs import Run, RunOutcome, RunStore
from .scheduler import CrawlExecutor, Schedule, build_scheduler, next_run_times, sync_jobs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SourceStatus:
    name: str
    schedule: str | None
    next_run: datetime | None
    last_run: Run | None
    running: bool
    records: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "schedule": self.schedule, "next_run": iso(self.next_run),
            "last_run": self.last_run.to_dict() if self.last_run else None,
            "running": self.running, "records": self.records,
        }


class ThresherService:
    def __init__(self, config: ServiceConfig, sources: tuple[Source, ...],
                 clock: Clock = utc_now) -> None:
        self.config = config
        self.sources = {s.name: s for s in sources}
        self.clock = clock
        self.runs = RunStore(config.runs_path)
        self.feed = RecordFeed(config.records_path)
        self.archive = PageArchive(config.runs_path)
        self.runner = CrawlRunner(config, self.runs, self.feed, clock, on_finish=self._after_run)
        self._executor: CrawlExecutor | None = None
        self._scheduler: BackgroundScheduler | None = None
        self._waiters: list[threading.Thread] = []
        self.started_at: datetime | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> None:
        for folder in (self.config.state_dir, self.config.output_dir, self.config.run_dir):
            folder.mkdir(parents=True, exist_ok=True)
        self.runs.initialise()
        self.archive.initialise()
        self._close_orphaned_runs()
        self._executor = CrawlExecutor(self.runner, self.runs, self.clock)
        self._scheduler = build_scheduler(f"sqlite:///{self.config.jobs_path}", self._executor,
                                          self.runs, self.config.timezone, self.clock)
        # Paused first: the stored jobs load, get reconciled with the sources file, and only
        # then may due (or missed) fire times be processed.
        self._scheduler.start(paused=True)
        sync_jobs(self._scheduler, self.schedules(), self.config.misfire_grace)
        self._scheduler.resume()
        self.started_at = self.clock()
        log.info("service started: %d sources, %d scheduled", len(self.sources),
                 len(self.schedules()))

    def shutdown(self) -> None:
        """Stop scheduling; let running crawls finish within the grace, then stop them."""
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        self.runner.shutdown(self.config.shutdown_grace)
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        for waiter in self._waiters:
            waiter.join()
        log.info("service stopped")

    def wakeup(self) -> None:
        """Make the scheduler look at its jobs now (tests move the clock, then call this)."""
        if self._scheduler is not None:
            self._scheduler.wakeup()

    # -- queries and commands ---------------------------------------------------------------

    def schedules(self) -> list[Schedule]:
        return [Schedule(s.name, s.schedule) for s in self.sources.values() if s.schedule]

    def next_runs(self) -> dict[str, datetime | None]:
        return next_run_times(self._scheduler) if self._scheduler is not None else {}

    def scheduler_running(self) -> bool:
        return self._scheduler is not None and self._scheduler.running

    def source_statuses(self) -> list[SourceStatus]:
        next_runs = self.next_runs()
        last_runs = self.runs.last_per_source()
        counts = self.feed.source_counts()
        return [SourceStatus(name, source.schedule, next_runs.get(name), last_runs.get(name),
                             self.runner.is_running(name), counts.get(name, 0))
                for name, source in sorted(self.sources.items())]

    def run_now(self, source: str) -> Run:
        """Start a manual run in the background. Raises KeyError, SourceBusy, ServiceStopping."""
        if source not in self.sources:
            raise KeyError(source)
        active = self.runner.start(source, "manual")
        waiter = threading.Thread(target=self.runner.wait, args=(active,),
                                  name=f"run-{active.run.id}", daemon=True)
        waiter.start()
        self._waiters = [w for w in self._waiters if w.is_alive()] + [waiter]
        return active.run

    def _after_run(self, run: Run) -> None:
        """Index the run's archived pages for the inspector."""
        warc = self.config.run_dir / str(run.id) / "pages.warc.gz"
        try:
            self.archive.index_run(run.id, warc)
        except Exception:  # an unreadable archive costs the inspector a page, not the run
            log.exception("could not index the pages of run %s (%s)", run.id, warc)

    def _close_orphaned_runs(self) -> None:
        """Runs still marked running belong to a service that died: close them honestly."""
        for run in self.runs.running():
            busy = self.runner.is_locked_elsewhere(run.source)
            reason = ("the service stopped before this run finished" if not busy else
                      f"the service restarted while this crawl (pid {run.pid}) still ran; "
                      "its outcome was not observed")
            self.runs.finish(run.id, iso(self.clock()), RunOutcome("interrupted", reason=reason))
