"""Per-source cron schedules on APScheduler 3 with a persistent SQLite job store.

Policy, stated once (docs/operations.md repeats it):

* One job per source with a ``schedule``, id = the source name, cron read in the service's
  time zone (UTC by default).
* Never two runs of one source at once: ``max_instances=1`` on the job, and the runner's
  per-source claim (which also covers "run now" from the API and other processes). A fire
  time that comes while the source is still crawling is recorded as a ``skipped`` run.
* Missed runs (the service was down, or busy past a fire time): ``coalesce=True`` folds all
  missed fire times of a source into one. That one run starts right after the service starts
  if its fire time is at most ``misfire_grace`` seconds old (default 3600); older, it is
  recorded as ``missed`` and the source waits for its next fire time.
* The job store keeps each job's next fire time across restarts; a job whose cron did not
  change is left as stored on start (re-adding it would forget the runs it missed).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.events import (
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    JobExecutionEvent,
    JobSubmissionEvent,
)
from apscheduler.executors.base import BaseExecutor
from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from .clock import Clock, iso, utc_now
from .runner import CrawlRunner, ServiceStopping, SourceBusy
from .runs import RunStore

JOB_FUNC = "crawler.service.scheduler:scheduled_crawl"
EXECUTOR = "crawls"
MAX_PARALLEL_SOURCES = 4  # different sources may crawl at the same time, up to this many

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Schedule:
    source: str
    cron: str


def scheduled_crawl(source: str) -> None:
    """What each stored job names. Never called: :class:`CrawlExecutor` runs the crawl."""
    raise RuntimeError(f"scheduled crawl of {source!r} must run through CrawlExecutor")


class CrawlExecutor(BaseExecutor):
    """Runs due jobs as crawls through the runner, recording skipped and missed fire times.

    APScheduler's own executors would call ``scheduled_crawl``; this one hands the source to
    the runner it was built with, so jobs can stay in a persistent store (which can only
    name module-level functions) without a module-level registry of runners.
    """

    def __init__(self, runner: CrawlRunner, runs: RunStore, clock: Clock = utc_now,
                 max_workers: int = MAX_PARALLEL_SOURCES) -> None:
        super().__init__()
        self._runner = runner
        self._runs = runs
        self._clock = clock
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="crawl")

    def _do_submit_job(self, job: Job, run_times: list[datetime]) -> None:
        future = self._pool.submit(self._run, job, run_times)
        future.add_done_callback(lambda f: self._done(job.id, f))

    def _done(self, job_id: str, future: Future) -> None:
        exc = future.exception()
        if exc is None:
            self._run_job_success(job_id, future.result())
        else:
            self._run_job_error(job_id, exc, exc.__traceback__)

    def _run(self, job: Job, run_times: list[datetime]) -> list[JobExecutionEvent]:
        source = job.args[0]
        events = []
        for run_time in run_times:
            late = self._clock() - run_time
            if job.misfire_grace_time is not None and late > timedelta(
                    seconds=job.misfire_grace_time):
                self._runs.record_not_run(
                    source, "missed", iso(self._clock()), iso(run_time),
                    f"fire time was {_seconds(late)} s ago, past the misfire grace of "
                    f"{job.misfire_grace_time} s")
                events.append(JobExecutionEvent(EVENT_JOB_MISSED, job.id, None, run_time))
                continue
            try:
                self._runner.run(source, "schedule", run_time)
            except SourceBusy as exc:
                self._runs.record_not_run(source, "skipped", iso(self._clock()),
                                          iso(run_time), str(exc))
            except ServiceStopping:
                log.info("not starting %s: the service is stopping", source)
            events.append(JobExecutionEvent(EVENT_JOB_EXECUTED, job.id, None, run_time))
        return events

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait)


def build_scheduler(jobs_url: str, executor: CrawlExecutor, runs: RunStore,
                    timezone: str = "UTC", clock: Clock = utc_now) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=jobs_url)},
        executors={EXECUTOR: executor},
        timezone=timezone,
    )
    scheduler.add_listener(lambda event: _record_overlap(runs, clock, event),
                           EVENT_JOB_MAX_INSTANCES)
    return scheduler


def _record_overlap(runs: RunStore, clock: Clock, event: JobSubmissionEvent) -> None:
    """APScheduler refused a fire time because the previous run is still going."""
    for run_time in event.scheduled_run_times:
        runs.record_not_run(event.job_id, "skipped", iso(clock()), iso(run_time),
                            "the previous run of this source was still running")


def sync_jobs(scheduler: BackgroundScheduler, schedules: Iterable[Schedule],
              misfire_grace: int) -> None:
    """Make the stored jobs match the sources file; keep unchanged jobs as stored."""
    wanted = {s.source: s for s in schedules}
    for job in scheduler.get_jobs():
        if job.id not in wanted:
            log.info("removing the schedule of %s (no longer in the sources file)", job.id)
            scheduler.remove_job(job.id)
    for schedule in wanted.values():
        trigger = CronTrigger.from_crontab(schedule.cron, timezone=scheduler.timezone)
        existing = scheduler.get_job(schedule.source)
        if existing is not None and str(existing.trigger) == str(trigger) \
                and existing.trigger.timezone == trigger.timezone:
            if existing.misfire_grace_time != misfire_grace:
                scheduler.modify_job(schedule.source, misfire_grace_time=misfire_grace)
            continue
        scheduler.add_job(
            JOB_FUNC, trigger, args=(schedule.source,), id=schedule.source,
            name=f"crawl {schedule.source} ({schedule.cron})", executor=EXECUTOR,
            max_instances=1, coalesce=True, misfire_grace_time=misfire_grace,
            replace_existing=True)


def next_run_times(scheduler: BackgroundScheduler) -> dict[str, datetime | None]:
    return {job.id: job.next_run_time for job in scheduler.get_jobs()}


def _seconds(delta: timedelta) -> int:
    return int(delta.total_seconds())
