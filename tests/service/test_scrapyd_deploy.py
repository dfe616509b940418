"""The Scrapyd deploy target works: a real Scrapyd, the egg scrapyd-deploy builds from
scrapy.cfg's [deploy] target, and the Thresher spider scheduled with and without arguments
against two local sites."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.news_site import ARTICLES
from tests.support.server import SiteServer

from .conftest import wait_until
from .scrapyd_server import REPO, Scrapyd, copy_project, scrapyd_deploy

PROJECT = "thresher"  # scrapy.cfg's [deploy] project
SPIDER = "thresher"
CODE_FROM = re.compile(r"Thresher under scrapy crawl: .*code from (\S+)\)")


@dataclass
class Deployed:
    scrapyd: Scrapyd
    sources: Path
    sites: dict[str, SiteServer]
    slow_sources: Path  # the same two sites, a page a second: still crawling when cancelled
    slow_sites: dict[str, SiteServer]
    root: Path

    def schedule(self, output: Path, *extra: tuple[str, str]) -> str:
        body = self.scrapyd.post("schedule.json", [
            ("project", PROJECT), ("spider", SPIDER),
            ("setting", f"THRESHER_OUTPUT={output}"),
            ("setting", "THRESHER_EXTRACT_WORKERS=1"),  # two cores, shared: keep it light
            *extra])
        return str(body["jobid"])


def _sources(path: Path, sites: dict[str, SiteServer]) -> Path:
    blocks = [f"""[[source]]
name = "{name}"
start_urls = ["{site.base_url}/"]
sitemaps = ["{site.base_url}/sitemap_index.xml"]
deny = ["/broken\\\\.html$"]  # the site's deliberate dead link: this crawl ends error-free
allow_private = true
concurrency = 1
""" for name, site in sites.items()]
    path.write_text("\n".join(blocks), "utf-8")
    return path


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployed]:
    root = tmp_path_factory.mktemp("scrapyd")
    with SiteServer() as alpha, SiteServer() as beta, \
            SiteServer(delay=1.0) as slow_alpha, SiteServer(delay=1.0) as slow_beta:
        sites = {"alpha": alpha, "beta": beta}
        sources = _sources(root / "sources.toml", sites)
        slow_sites = {"alpha": slow_alpha, "beta": slow_beta}
        slow_sources = _sources(root / "slow.toml", slow_sites)
        env = {key: value for key, value in os.environ.items()
               if key not in ("PYTHONPATH", "THRESHER_OUTPUT", "SCRAPY_SETTINGS_MODULE")}
        env.update(THRESHER_SOURCES=str(sources), NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
        (root / "scrapyd").mkdir()
        scrapyd = Scrapyd(root / "scrapyd", env)
        scrapyd.start()
        try:
            scrapyd_deploy(copy_project(root / "project", scrapyd.url), "r1", env)
            yield Deployed(scrapyd, sources, sites, slow_sources, slow_sites, root)
        finally:
            scrapyd.stop()


def test_deploy_lists_the_spider(deployed: Deployed) -> None:
    scrapyd = deployed.scrapyd
    assert scrapyd.get("listversions.json", project=PROJECT)["versions"] == ["r1"]
    assert scrapyd.get("listspiders.json", project=PROJECT)["spiders"] == [SPIDER]


def test_the_egg_carries_the_data_files_and_names_the_settings(deployed: Deployed) -> None:
    [egg] = (deployed.scrapyd.root / "eggs" / PROJECT).glob("r1*.egg")
    with zipfile.ZipFile(egg) as archive:
        names = set(archive.namelist())
        entry_points = archive.read("EGG-INFO/entry_points.txt").decode()
    for folder in ("extractors/data", "crawler/data"):
        data = {f"{folder}/{f.name}" for f in (REPO / folder).iterdir() if f.is_file()}
        assert data and data <= names, data - names
    assert "[scrapy]\nsettings = crawler.settings" in entry_points
    assert not any(name.startswith(("tests/", "benchmarks/", "fixtures/")) for name in names)


def test_scheduled_without_arguments_crawls_every_source(deployed: Deployed) -> None:
    output = deployed.root / "all"
    # The sources file named by a Scrapy setting here (the environment names it too).
    job = deployed.schedule(output, ("setting", f"THRESHER_SOURCES={deployed.sources}"))
    deployed.scrapyd.wait_finished(PROJECT, job)

    log = deployed.scrapyd.job_log(PROJECT, SPIDER, job)
    _assert_clean_log(log)
    for name, site in deployed.sites.items():
        _assert_source_crawled(output, name, site)
    assert len(_store_ids(output)) == 2 * ARTICLES
    # Scrapyd's jobs_dir gives the job one JOBDIR: each source's crawler queues in its own.
    jobdir = deployed.scrapyd.root / "jobs" / PROJECT / SPIDER / job
    assert sorted(path.name for path in jobdir.iterdir()) == ["alpha", "beta"]

    # Scrapyd's own items file holds both sources' records (one feed, no interleaving).
    items = [json.loads(line) for line in
             deployed.scrapyd.job_items(PROJECT, SPIDER, job).read_text("utf-8").splitlines()]
    assert sorted(item["record"]["source"] for item in items) == \
        ["alpha"] * ARTICLES + ["beta"] * ARTICLES


def test_scheduled_with_a_source_crawls_only_that_one(deployed: Deployed) -> None:
    output = deployed.root / "beta-only"
    job = deployed.schedule(output, ("source", "beta"))  # sources file from the environment
    deployed.scrapyd.wait_finished(PROJECT, job)

    _assert_clean_log(deployed.scrapyd.job_log(PROJECT, SPIDER, job))
    _assert_source_crawled(output, "beta", deployed.sites["beta"])
    assert not list(output.glob("alpha-*"))
    assert deployed.sites["alpha"].hits.get("/sitemap_index.xml", 0) == 1  # the first job's


def test_cancelling_the_job_stops_every_source_cleanly(deployed: Deployed) -> None:
    output = deployed.root / "cancelled"
    job = deployed.schedule(output, ("setting", f"THRESHER_SOURCES={deployed.slow_sources}"))
    # Cancel once both crawlers are fetching articles (a page a second each).
    wait_until(lambda: all(_article_hits(site) >= 2 for site in deployed.slow_sites.values()),
               timeout=120, what="both slow sources crawling")
    deployed.scrapyd.post("cancel.json", [("project", PROJECT), ("job", job)])  # SIGINT
    deployed.scrapyd.wait_finished(PROJECT, job)

    log = deployed.scrapyd.job_log(PROJECT, SPIDER, job)
    _assert_clean_log(log, finished=False)
    assert log.count("Spider closed (shutdown)") == 2
    exported = 0
    for name in deployed.slow_sites:
        # Closed, not killed: the JSONL file was renamed into place, the stats written.
        [records_file] = sorted(output.glob(f"{name}-*[0-9]Z.jsonl"))
        records = records_file.read_text("utf-8").splitlines()
        # (Scrapy's graceful stop still fetches the requests its downloader holds.)
        assert 0 < len(records) <= ARTICLES
        exported += len(records)
        [stats_file] = sorted(output.glob(f"{name}-*.stats.json"))
        stats = json.loads(stats_file.read_text("utf-8"))
        assert stats["finish_reason"] == "shutdown"  # the second source too: it was stopped
        assert stats["thresher/unaccounted"] == 0
    # The second source's last records still reached Scrapyd's items file.
    items = deployed.scrapyd.job_items(PROJECT, SPIDER, job).read_text("utf-8").splitlines()
    assert len(items) == exported


def _article_hits(site: SiteServer) -> int:
    return sum(count for path, count in list(site.hits.items()) if path.startswith("/news/"))


def _assert_clean_log(log: str, finished: bool = True) -> None:
    problems = [line for line in log.splitlines()
                if " ERROR: " in line or " CRITICAL: " in line or "Traceback" in line]
    assert not problems, "\n".join(problems[:20])
    # The code ran from the deployed egg, not from this checkout (installed editable here).
    match = CODE_FROM.search(log)
    assert match, log[-3000:]
    assert ".egg" in match.group(1) and not match.group(1).startswith(str(REPO)), match.group(1)
    if finished:
        assert "Spider closed (finished)" in log


def _assert_source_crawled(output: Path, name: str, site: SiteServer) -> None:
    [records_file] = sorted(output.glob(f"{name}-*[0-9]Z.jsonl"))
    records = [json.loads(line) for line in records_file.read_text("utf-8").splitlines()]
    expected = {site.url(f"/news/{n}.html") for n in range(1, ARTICLES + 1)}
    assert sorted(r["url"] for r in records) == sorted(expected)
    assert {r["source"] for r in records} == {name}

    [errors_file] = sorted(output.glob(f"{name}-*.errors.jsonl"))
    assert errors_file.read_text("utf-8") == ""

    [stats_file] = sorted(output.glob(f"{name}-*.stats.json"))
    stats = json.loads(stats_file.read_text("utf-8"))
    assert stats["finish_reason"] == "finished"
    assert stats["thresher/records"] == ARTICLES
    assert stats.get("thresher/errors", 0) == 0
    assert stats["thresher/unaccounted"] == 0
    # Validated against the schema packed in the egg, not skipped for want of a file.
    assert stats["thresher/validation"].endswith("article.schema.json"), stats


def _store_ids(output: Path) -> set[str]:
    with sqlite3.connect(output / "thresher.sqlite") as db:
        return {row[0] for row in db.execute("SELECT id FROM records")}
