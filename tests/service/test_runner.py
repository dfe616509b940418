"""Crawl runs as child processes: outcomes, time limit, graceful stop, locks, orphans."""

from __future__ import annotations

import fcntl
import os
import threading

import pytest

from crawler.service.runner import ServiceStopping, SourceBusy

from .conftest import Harness, wait_until


def test_a_finished_crawl_records_its_figures_and_releases_the_source(harness: Harness) -> None:
    service = harness.service()
    service.start()
    try:
        run = service.runner.run("alpha", "manual")
        assert run.status == "succeeded"
        assert (run.pages, run.records, run.errors, run.exit_code) == (3, 2, 1, 0)
        assert run.started_at <= run.ended_at
        assert not service.runner.is_running("alpha")
        assert (harness.config.run_dir / str(run.id) / "crawl.log").exists()
    finally:
        service.shutdown()


def test_a_failing_crawl_is_failed_with_the_last_log_line(harness: Harness) -> None:
    harness.set_mode("alpha", "fail")
    service = harness.service()
    service.start()
    try:
        run = service.runner.run("alpha", "manual")
        assert (run.status, run.exit_code) == ("failed", 3)
        assert "failing on purpose" in run.reason
    finally:
        service.shutdown()


def test_a_crawl_past_its_time_limit_is_stopped_with_sigint(harness: Harness) -> None:
    harness.set_mode("alpha", "block")
    service = harness.service(crawl_timeout=0.5)
    service.start()
    try:
        run = service.runner.run("alpha", "manual")
        assert run.status == "timed_out"
        assert harness.got_sigint("alpha")  # stopped gently: it wrote its stats first
        assert run.records == 2
        assert "time limit" in run.reason
    finally:
        service.shutdown()


def test_a_crawl_that_ignores_sigint_is_killed_after_the_stop_grace(harness: Harness) -> None:
    harness.set_mode("alpha", "stubborn")
    service = harness.service(crawl_timeout=0.3, stop_grace=0.3)
    service.start()
    try:
        run = service.runner.run("alpha", "manual")
        assert run.status == "timed_out"
        assert run.exit_code == -9
        assert not harness.got_sigint("alpha")
    finally:
        service.shutdown()


def test_shutdown_lets_a_crawl_finish_within_the_grace(harness: Harness) -> None:
    harness.set_mode("alpha", "block")
    service = harness.service(shutdown_grace=30)
    service.start()
    run = service.run_now("alpha")
    wait_until(lambda: harness.starts("alpha") == 1, what="the crawl to start")
    releaser = threading.Timer(0.3, harness.release, args=("alpha",))
    releaser.start()
    service.shutdown()  # returns once the crawl has ended on its own
    releaser.join()
    assert service.runs.get(run.id).status == "succeeded"
    assert not harness.got_sigint("alpha")


def test_shutdown_stops_a_crawl_cleanly_once_the_grace_is_over(harness: Harness) -> None:
    harness.set_mode("alpha", "block")
    service = harness.service(shutdown_grace=0.2)
    service.start()
    run = service.run_now("alpha")
    wait_until(lambda: harness.starts("alpha") == 1, what="the crawl to start")
    service.shutdown()
    stopped = service.runs.get(run.id)
    assert stopped.status == "stopped"
    assert stopped.exit_code == 0  # it closed itself after SIGINT
    assert harness.got_sigint("alpha")
    with pytest.raises(ServiceStopping):
        service.run_now("alpha")


def test_one_source_runs_once_at_a_time_even_across_processes(harness: Harness) -> None:
    harness.set_mode("alpha", "block")
    service = harness.service()
    service.start()
    try:
        service.run_now("alpha")
        wait_until(lambda: harness.starts("alpha") == 1, what="the crawl to start")
        with pytest.raises(SourceBusy):
            service.run_now("alpha")
        service.run_now("beta")  # another source is free to run meanwhile
        wait_until(lambda: harness.starts("beta") == 1, what="beta to run")
        harness.release("alpha")
        wait_until(lambda: not service.runner.is_running("alpha"), what="alpha to end")

        # Another process holding the source's lock (an orphaned crawl, say) blocks it too.
        harness.config.lock_dir.mkdir(parents=True, exist_ok=True)
        with open(harness.config.lock_dir / "alpha.lock", "ab") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            with pytest.raises(SourceBusy, match="another process"):
                service.run_now("alpha")
    finally:
        service.shutdown()


def test_runs_left_running_by_a_dead_service_are_closed_as_interrupted(harness: Harness) -> None:
    service = harness.service()
    service.start()
    service.shutdown()
    orphan = service.runs.start("alpha", "schedule", "2026-01-05T10:05:00+00:00")
    service.runs.set_pid(orphan.id, os.getpid())

    restarted = harness.service()
    restarted.start()
    try:
        closed = restarted.runs.get(orphan.id)
        assert closed.status == "interrupted"
        assert "stopped before this run finished" in closed.reason
        assert restarted.runs.running() == []
    finally:
        restarted.shutdown()
