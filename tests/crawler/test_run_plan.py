"""Run plans: a job directory decides between a new run and resuming the unfinished one."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.run import base_settings, crawl_settings, plan_run, unaccounted_pages
from crawler.sources import Source

SOURCE = Source(name="gazette", start_urls=("https://a.example/",), delay=0.5, concurrency=3)


def _state(jobdir: Path, state: str, run_id: str = "20250101T000000Z") -> None:
    folder = jobdir / "gazette"
    (folder / "scrapy").mkdir(parents=True, exist_ok=True)
    (folder / "scrapy" / "requests.queue").write_text("old queue")
    (folder / "done.txt").write_text("ab" * 20 + "\n")
    (folder / "run.json").write_text(json.dumps({"run_id": run_id, "state": state}))


def test_without_a_jobdir_every_run_is_new(tmp_path: Path) -> None:
    plan = plan_run(SOURCE, tmp_path / "out", None)
    assert plan.jobdir is None and not plan.resumed and plan.ledger_path is None


def test_a_killed_run_resumes_and_drops_the_untrusted_scrapy_queue(tmp_path: Path) -> None:
    _state(tmp_path, "running")
    plan = plan_run(SOURCE, tmp_path / "out", tmp_path)
    assert plan.resumed and plan.run_id == "20250101T000000Z"
    assert not (tmp_path / "gazette" / "scrapy").exists()
    assert (tmp_path / "gazette" / "done.txt").exists()  # the ledger is what resume trusts


def test_a_cleanly_stopped_run_keeps_the_scrapy_queue(tmp_path: Path) -> None:
    _state(tmp_path, "stopped")
    plan = plan_run(SOURCE, tmp_path / "out", tmp_path)
    assert plan.resumed and (tmp_path / "gazette" / "scrapy" / "requests.queue").exists()


def test_a_finished_run_starts_a_new_one_from_scratch(tmp_path: Path) -> None:
    _state(tmp_path, "finished")
    plan = plan_run(SOURCE, tmp_path / "out", tmp_path)
    assert not plan.resumed and plan.run_id != "20250101T000000Z"
    assert not (tmp_path / "gazette" / "done.txt").exists()


def test_per_source_settings(tmp_path: Path) -> None:
    plan = plan_run(SOURCE, tmp_path / "out", tmp_path)
    settings = crawl_settings(base_settings({"LOG_LEVEL": "ERROR"}), plan, progress=False)
    assert settings.getfloat("DOWNLOAD_DELAY") == 0.5
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 3
    assert settings.getbool("GUARD_ALLOW_PRIVATE") is False
    assert settings["JOBDIR"] == str(tmp_path / "gazette" / "scrapy")
    assert settings["LOG_LEVEL"] == "ERROR"
    # dict settings from overrides are merged into ours, not put in their place
    merged = base_settings({"DOWNLOADER_MIDDLEWARES": {"x.Y": 5}})
    middlewares = merged.getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares["x.Y"] == 5
    assert "crawler.middlewares.network_guard.NetworkGuardMiddleware" in middlewares


def test_unaccounted_pages_is_seen_minus_every_ending() -> None:
    stats = {"thresher/pages_seen": 10, "thresher/records": 5, "thresher/errors": 2,
             "thresher/skipped_listing": 2, "thresher/duplicates": 0}
    assert unaccounted_pages(stats) == 1
    assert unaccounted_pages({**stats, "thresher/duplicates": 1}) == 0
