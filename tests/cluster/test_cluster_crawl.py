"""Whole cluster crawls of a 1,000-article local site, on the real Redis and PostgreSQL.

One worker gives the reference records. Three worker processes must fetch every page
exactly once (counted at the server), write one row per article, and end with the same
records (``fetched_at`` aside). Three workers of which one is killed with -9 while it has
requests in flight must still end with every record, and the same ones.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.cluster.config import ClusterConfig
from crawler.cluster.pg import PgTarget, drop_schema
from tests.support.server import SiteServer

from .cluster_run import SOURCE, ClusterRun, comparable, record_count, record_rows, write_sources
from .site import ARTICLES, LISTINGS, NEWSLETTER, article_paths, build_cluster_site, is_copy


@pytest.fixture(scope="module")
def site() -> Iterator[SiteServer]:
    with SiteServer(build_cluster_site) as server:
        yield server


class Crawls:
    """Runs of the cluster, each with its own Redis prefix and PostgreSQL schema."""

    def __init__(self, folder: Path, site: SiteServer, redis_url: str, pg_dsn: str) -> None:
        self.folder = folder
        self.site = site
        self.redis_url = redis_url
        self.pg_dsn = pg_dsn
        self.runs: list[ClusterRun] = []

    def new(self) -> ClusterRun:
        name = f"t{uuid.uuid4().hex[:12]}"
        folder = self.folder / name
        folder.mkdir()
        run = ClusterRun(folder, write_sources(folder, self.site.base_url), self.redis_url,
                         name, PgTarget(self.pg_dsn, name))
        self.runs.append(run)
        return run

    def frontier_config(self, run: ClusterRun) -> ClusterConfig:
        return ClusterConfig(redis_url=self.redis_url, source=SOURCE, prefix=run.prefix)

    def cleanup(self) -> None:
        for run in self.runs:
            run.stop()
            self.frontier_config(run).frontier("test").clear()
            drop_schema(run.target)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory, site: SiteServer, redis_url: str,
           pg_dsn: str) -> Iterator[Crawls]:
    crawls = Crawls(tmp_path_factory.mktemp("cluster"), site, redis_url, pg_dsn)
    yield crawls
    crawls.cleanup()


def crawl(crawls: Crawls, workers: int) -> tuple[ClusterRun, dict[str, int]]:
    """A full crawl by ``workers`` processes: the run and the server's hits during it."""
    crawls.site.hits.clear()
    run = crawls.new()
    run.seed()
    run.start_workers(workers)
    codes = run.wait()
    assert codes == [0] * workers, run.logs()
    return run, dict(crawls.site.hits)


@pytest.fixture(scope="module")
def one_worker(crawls: Crawls) -> list[dict[str, Any]]:
    run, _hits = crawl(crawls, 1)
    records = record_rows(run.target)
    assert len(records) == ARTICLES, run.logs()
    return records


def by_url(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {record["url"]: comparable(record) for record in records}


def assert_same_records(records: list[dict[str, Any]], reference: list[dict[str, Any]]) -> None:
    mine, theirs = by_url(records), by_url(reference)
    assert mine.keys() == theirs.keys()
    differing = Counter(key for url in mine for key in mine[url]
                        if mine[url][key] != theirs[url].get(key))
    assert not differing, f"fields that differ from the one-worker crawl: {differing}"


def test_one_worker_builds_the_reference(one_worker: list[dict[str, Any]]) -> None:
    urls = {r["url"].split(":", 2)[2].split("/", 1)[1] for r in one_worker}
    assert urls == {p.lstrip("/") for p in article_paths()}
    assert all(NEWSLETTER not in r["text"] for r in one_worker), "template line not stripped"
    copies = [r for r in one_worker if r["duplicate_of"]]
    assert len(copies) == sum(is_copy(n) for n in range(ARTICLES))


def test_three_workers_fetch_each_page_once_and_write_the_same_records(
        crawls: Crawls, one_worker: list[dict[str, Any]]) -> None:
    run, hits = crawl(crawls, 3)
    pages = ["/", *(f"/list/{k}.html" for k in range(LISTINGS)), *article_paths()]
    fetched = Counter({path: hits.get(path, 0) for path in pages})
    not_once = [(p, n) for p, n in fetched.items() if n != 1]
    assert not_once == [], f"pages not fetched exactly once: {not_once[:10]}; {run.stats()}"
    records = record_rows(run.target)
    assert len(records) == ARTICLES
    assert len({r["id"] for r in records}) == ARTICLES
    assert_same_records(records, one_worker)
    stats = run.stats()
    assert len(stats) == 3  # every worker took part and finished
    assert all(s.get("thresher/records", 0) > 0 for s in stats)
    assert sum(s["thresher/records"] for s in stats) == ARTICLES  # none written twice


def test_a_worker_killed_midway_loses_nothing(
        crawls: Crawls, one_worker: list[dict[str, Any]]) -> None:
    crawls.site.hits.clear()
    run = crawls.new()
    run.seed()
    run.start_workers(3)
    deadline = time.monotonic() + 120
    while record_count(run.target) < ARTICLES // 4 and time.monotonic() < deadline:
        time.sleep(0.1)
    killed_pid, in_flight = run.kill_busy_worker(crawls.frontier_config(run))
    codes = [p.wait(240) for p in run.processes]
    assert sorted(codes)[0] == -9 and sorted(codes)[1:] == [0, 0], run.logs()
    records = record_rows(run.target)
    assert len(records) == ARTICLES, f"killed {killed_pid} with {in_flight} in flight"
    assert_same_records(records, one_worker)
    recovered = sum(s.get("thresher/cluster/recovered", 0) for s in run.stats())
    assert recovered >= in_flight, "the survivors did not requeue the killed worker's requests"
