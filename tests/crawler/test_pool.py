"""The extraction pool: results from worker processes, and a dying worker costs one page."""

from __future__ import annotations

import itertools
import os
import platform

import pytest

from crawler import pool
from crawler.extract_job import ERROR, RECORD, ExtractJob, ExtractOutcome, run_extract_job
from crawler.pool import ExtractionPool
from extractors import ExtractOptions

ARTICLE = ("<html><head><title>Pool test</title></head><body><article>"
           + "<p>The workers parse this page in another process while downloads go on. " * 12
           + "</p></article></body></html>").encode()


def _job(url: str, body: bytes = ARTICLE) -> ExtractJob:
    return ExtractJob(body=body, url=url, final_url=url, source="pooltest",
                      fetched_at="2025-01-01T00:00:00Z", options=ExtractOptions())


def die_on_poison(job: ExtractJob) -> ExtractOutcome:
    """Kills its worker process for one URL, like a segfault in a C parser would."""
    if job.url.endswith("/poison"):
        os._exit(3)
    return ExtractOutcome(RECORD, record={"url": job.url, "pid": os.getpid()})


def test_pool_runs_real_extraction_in_other_processes() -> None:
    pool = ExtractionPool(workers=1, start_method="spawn")
    pool.start()
    try:
        outcome = pool.submit(_job("https://a.example/news/1.html")).result(timeout=120)
    finally:
        pool.shutdown()
    assert outcome.kind == RECORD and outcome.record is not None
    assert outcome.record["source"] == "pooltest"
    assert outcome.record["fetched_at"] == "2025-01-01T00:00:00Z"
    assert outcome.record["title"] == "Pool test"


def test_a_worker_that_dies_costs_only_its_page() -> None:
    pool = ExtractionPool(workers=1, start_method="spawn", work=die_on_poison)
    pool.start()
    try:
        poison = pool.submit(_job("https://a.example/poison")).result(timeout=120)
        after = pool.submit(_job("https://a.example/fine")).result(timeout=120)
    finally:
        pool.shutdown()
    assert (poison.kind, poison.reason) == (ERROR, "worker_crashed")
    assert after.kind == RECORD and after.record is not None
    assert after.record["pid"] != os.getpid()


def test_inline_mode_and_shut_down_pool() -> None:
    inline = ExtractionPool(workers=0)
    outcome = inline.submit(_job("https://a.example/x", b"")).result(timeout=1)
    assert outcome == run_extract_job(_job("https://a.example/x", b""))
    assert outcome.kind == ERROR and outcome.reason == "empty_input"
    closed = ExtractionPool(workers=1, start_method="spawn")
    closed.shutdown()
    late = closed.submit(_job("https://a.example/late")).result(timeout=1)
    assert (late.kind, late.reason) == (ERROR, "worker_crashed")


_CRAWL_LIKE_SCRIPT = """
import scrapy.crawler  # the crawl's __main__ imports Scrapy; workers must not
from crawler.pool import ExtractionPool
from tests.crawler.pool_probe import loaded_modules
from tests.crawler.test_pool import _job

if __name__ == "__main__":
    pool = ExtractionPool(workers=1, work=loaded_modules)
    try:
        print(pool.submit(_job("https://a.example/probe")).result(timeout=120).record)
    finally:
        pool.shutdown()
"""


def test_workers_load_extraction_only_not_the_crawls_main_module(tmp_path) -> None:
    """Every module a worker loads is resident in every worker: no Scrapy, no Twisted, and
    not the crawl's own __main__ (which multiprocessing would otherwise import again)."""
    import ast
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    script = tmp_path / "crawl_like.py"
    script.write_text(_CRAWL_LIKE_SCRIPT, "utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=repo, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(repo)}, check=True)
    worker = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    assert worker["pid"] != os.getpid()
    assert worker["extractors"]  # warmed by the initializer
    assert not any(worker[name] for name in ("scrapy", "twisted", "datasketch", "scipy")), worker


@pytest.mark.parametrize(("cores", "workers"), [(1, 1), (2, 2), (3, 2), (4, 3), (16, 15)])
def test_default_workers_follow_the_cores(monkeypatch, cores: int, workers: int) -> None:
    monkeypatch.setattr(pool.os, "sched_getaffinity", lambda _pid: set(range(cores)))
    monkeypatch.setattr(pool, "_available_memory", lambda: None)
    assert pool.default_workers() == workers


def test_default_workers_fit_the_free_memory(monkeypatch) -> None:
    monkeypatch.setattr(pool.os, "sched_getaffinity", lambda _pid: set(range(8)))
    monkeypatch.setattr(pool, "_available_memory", lambda: 3 * pool.WORKER_MEMORY_BYTES + 1)
    assert pool.default_workers() == 3
    monkeypatch.setattr(pool, "_available_memory", lambda: pool.WORKER_MEMORY_BYTES // 2)
    assert pool.default_workers() == 1  # always at least one



def test_a_pooled_job_gives_the_outcome_and_trims_the_heap_every_few_jobs(monkeypatch) -> None:
    from crawler import extract_job

    trims = []
    monkeypatch.setattr(extract_job, "release_free_memory", lambda: trims.append(1) or True)
    monkeypatch.setattr(extract_job, "_pooled_jobs", itertools.count(1))
    job = _job("https://a.example/news/trim.html")
    outcomes = [extract_job.run_pooled_job(job) for _ in range(2 * extract_job.TRIM_EVERY + 1)]
    assert all(outcome == run_extract_job(job) for outcome in outcomes)
    assert len(trims) == 2


def test_releasing_free_memory_works_where_glibc_is() -> None:
    from crawler import extract_job

    assert extract_job.release_free_memory() is (platform.libc_ver()[0] == "glibc")
