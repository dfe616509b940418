"""Cron schedules on a controlled clock: fire on time, never overlap, survive restarts."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
import time_machine

from crawler.service.lifecycle import ThresherService
from crawler.service.runs import Run
from crawler.service.scheduler import Schedule, sync_jobs

from .conftest import Harness, wait_until, write_sources

T0 = datetime(2026, 1, 5, 10, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def every_five_minutes(harness: Harness) -> None:
    write_sources(harness.config.sources, {"alpha": "*/5 * * * *", "beta": None})


def at(hour: int, minute: int, second: int = 0) -> datetime:
    return T0.replace(hour=hour, minute=minute, second=second)


def runs_of(service: ThresherService, source: str = "alpha") -> list[Run]:
    return list(reversed(service.runs.list(source=source)))


def finished(service: ThresherService, count: int) -> bool:
    runs = runs_of(service)
    return len(runs) >= count and all(r.status != "running" for r in runs)


def test_cron_fires_on_time_and_not_before(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        service = harness.service()
        service.start()
        try:
            assert service.next_runs()["alpha"] == at(10, 5)
            assert "beta" not in service.next_runs()  # no schedule: manual runs only

            clock.move_to(at(10, 4, 59))  # one second early: nothing is due
            service.wakeup()
            time.sleep(0.5)  # give the scheduler thread its look at the jobs
            assert harness.starts("alpha") == 0
            assert runs_of(service) == []

            clock.move_to(at(10, 5))
            service.wakeup()
            wait_until(lambda: finished(service, 1), what="the 10:05 run to finish")
            run = runs_of(service)[0]
            assert run.scheduled_for == "2026-01-05T10:05:00+00:00"
            assert run.started_at == "2026-01-05T10:05:00+00:00"
            assert (run.status, run.trigger) == ("succeeded", "schedule")
            assert (run.pages, run.records, run.errors) == (3, 2, 1)
            assert harness.starts("alpha") == 1
            assert service.next_runs()["alpha"] == at(10, 10)
        finally:
            service.shutdown()


def test_a_fire_time_during_a_running_crawl_is_skipped_not_overlapped(harness: Harness) -> None:
    harness.set_mode("alpha", "block")
    with time_machine.travel(at(10, 4), tick=False) as clock:
        service = harness.service()
        service.start()
        try:
            clock.move_to(at(10, 5))
            service.wakeup()
            wait_until(lambda: harness.starts("alpha") == 1, what="the 10:05 crawl to start")

            clock.move_to(at(10, 10))  # the next fire time comes while 10:05 still runs
            service.wakeup()
            wait_until(lambda: any(r.status == "skipped" for r in runs_of(service)),
                       what="the 10:10 fire time to be recorded as skipped")
            assert harness.starts("alpha") == 1  # no second crawl process was started
            statuses = [(r.scheduled_for[11:16], r.status) for r in runs_of(service)]
            assert statuses == [("10:05", "running"), ("10:10", "skipped")]

            harness.release("alpha")
            wait_until(lambda: runs_of(service)[0].status == "succeeded", what="10:05 to end")
            clock.move_to(at(10, 15))
            service.wakeup()
            wait_until(lambda: harness.starts("alpha") == 2, what="the 10:15 crawl")
            harness.release("alpha")
            wait_until(lambda: finished(service, 3), what="10:15 to end")
        finally:
            service.shutdown()


def test_a_manual_run_holds_off_the_schedule_of_the_same_source(harness: Harness) -> None:
    harness.set_mode("alpha", "block")
    with time_machine.travel(at(10, 4), tick=False) as clock:
        service = harness.service()
        service.start()
        try:
            manual = service.run_now("alpha")
            wait_until(lambda: harness.starts("alpha") == 1, what="the manual crawl")
            clock.move_to(at(10, 5))
            service.wakeup()
            wait_until(lambda: len(runs_of(service)) == 2, what="the 10:05 fire time")
            skipped = runs_of(service)[1]
            assert skipped.status == "skipped"
            assert "already running" in (skipped.reason or "")
            assert harness.starts("alpha") == 1
            harness.release("alpha")
            wait_until(lambda: service.runs.get(manual.id).status == "succeeded",
                       what="the manual run to end")
        finally:
            service.shutdown()


def test_schedule_and_history_survive_a_restart_and_missed_runs_coalesce(
        harness: Harness) -> None:
    with time_machine.travel(at(10, 4), tick=False) as clock:
        first = harness.service()
        first.start()
        clock.move_to(at(10, 5))
        first.wakeup()
        wait_until(lambda: finished(first, 1), what="the 10:05 run")
        clock.move_to(at(10, 6))
        first.shutdown()

        # Down from 10:06 to 10:31: 10:10 ... 10:30 were missed (five fire times).
        clock.move_to(at(10, 31))
        second = harness.service()
        second.start()
        try:
            wait_until(lambda: finished(second, 2), what="the catch-up run")
            runs = runs_of(second)
            assert [r.scheduled_for[11:16] for r in runs] == ["10:05", "10:30"]
            assert [r.status for r in runs] == ["succeeded", "succeeded"]
            assert runs[1].started_at == "2026-01-05T10:31:00+00:00"
            assert harness.starts("alpha") == 2  # one catch-up crawl, not five
            assert second.next_runs()["alpha"] == at(10, 35)
        finally:
            second.shutdown()


def test_a_missed_run_older_than_the_grace_is_recorded_not_run(harness: Harness) -> None:
    with time_machine.travel(at(10, 4), tick=False) as clock:
        first = harness.service(misfire_grace=60)
        first.start()
        first.shutdown()  # stored next fire time: 10:05

        clock.move_to(at(10, 11, 30))  # 10:10 is 90 s old: past the 60 s grace
        second = harness.service(misfire_grace=60)
        second.start()
        try:
            wait_until(lambda: len(runs_of(second)) == 1, what="the missed fire time")
            missed = runs_of(second)[0]
            assert missed.status == "missed"
            assert missed.scheduled_for == "2026-01-05T10:10:00+00:00"
            assert "misfire grace of 60 s" in (missed.reason or "")
            assert harness.starts("alpha") == 0
            assert second.next_runs()["alpha"] == at(10, 15)
        finally:
            second.shutdown()


def test_a_changed_cron_replaces_the_stored_job_and_a_removed_source_loses_it(
        harness: Harness) -> None:
    with time_machine.travel(at(10, 4), tick=False):
        service = harness.service()
        service.start()
        try:
            scheduler = service._scheduler
            sync_jobs(scheduler, [Schedule("alpha", "0 * * * *"), Schedule("beta", "30 * * * *")],
                      misfire_grace=3600)
            assert service.next_runs() == {"alpha": at(11, 0), "beta": at(10, 30)}
            sync_jobs(scheduler, [Schedule("beta", "30 * * * *")], misfire_grace=3600)
            assert service.next_runs() == {"beta": at(10, 30)}
        finally:
            service.shutdown()


def test_cron_is_read_in_the_configured_time_zone(harness: Harness) -> None:
    write_sources(harness.config.sources, {"alpha": "0 9 * * *"})
    with time_machine.travel(datetime(2026, 7, 1, 0, 0, tzinfo=UTC), tick=False):
        service = harness.service(timezone="Europe/Berlin")
        service.start()
        try:  # 09:00 in Berlin is 07:00 UTC in summer
            assert service.next_runs()["alpha"] == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)
        finally:
            service.shutdown()
