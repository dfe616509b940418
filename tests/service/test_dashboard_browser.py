"""The dashboard in a real headless Chromium: pages load clean, charts draw, removed text marked.

Screenshots go to test-artifacts/ (gitignored) for people to look at.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.service.api import create_app
from crawler.service.config import ServiceConfig
from crawler.service.lifecycle import ThresherService
from crawler.sources import load_sources

from .browser import ARTIFACTS, CHROMIUM_ARGS, chromium_path, serve
from .conftest import FAKE_CRAWL, write_sources
from .records import open_sink
from .sample_page import URL, archive_page, sample_record

TOKEN = "browser-token"
RUNS_OF_ALPHA = 3


@dataclass
class Site:
    base: str
    archived_id: str
    reconstructed_id: str
    removed: list[dict[str, str]]


def seed(service: ThresherService, control: Path) -> tuple[str, str, list[dict[str, str]]]:
    """Three finished runs of alpha with records; one inspectable record with its page."""
    (control / "alpha.records").write_text("9")
    for _ in range(RUNS_OF_ALPHA):
        assert service.runner.run("alpha", "schedule").status == "succeeded"
    record = sample_record()
    copy = dict(sample_record(), id="ab" * 16, url=URL + "?copy", final_url=URL + "?copy",
                canonical_url=URL + "?copy", source="beta")
    sink = open_sink(service.config.output_dir, "alpha", run_id="sample")
    sink.write(record)
    sink.write(copy)
    sink.close(True)
    warc = service.config.run_dir / "999" / "pages.warc.gz"
    archive_page(warc)
    service.archive.index_run(999, warc)
    return record["id"], copy["id"], record["extraction"]["removed"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    chromium_path()  # fail (CI) or skip before building anything
    root = tmp_path_factory.mktemp("dashboard")
    control = root / "control"
    control.mkdir()
    config = ServiceConfig(
        # yearly: a scheduled run must not add records while the pages are checked
        sources=write_sources(root / "sources.toml", {"alpha": "0 3 1 1 *", "beta": None}),
        state_dir=root / "state", keep_pages=False, shutdown_grace=5,
        crawl_command=(sys.executable, str(FAKE_CRAWL), "--source", "{source}", "--stats",
                       "{stats}", "--control", str(control), "--output", "{output}"))
    service = ThresherService(config, load_sources(config.sources))
    with serve(create_app(service, TOKEN)) as base:
        archived, reconstructed, removed = seed(service, control)
        yield Site(base, archived, reconstructed, removed)


@pytest.fixture(scope="module")
def browser(site: Site) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(),
                                              args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, site: Site) -> Iterator[object]:
    """A signed-in page that records every console error and uncaught exception."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    login = context.new_page()
    login.goto(f"{site.base}/dashboard")
    login.fill("#token", TOKEN)
    login.click("button[type=submit]")
    login.wait_for_url(f"{site.base}/dashboard")
    login.close()
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_the_dashboard_lists_sources_and_runs_and_draws_the_drift(page, site: Site) -> None:
    page.goto(f"{site.base}/dashboard")
    page.wait_for_selector("body[data-loaded=true]")
    rows = page.locator("#sources tbody tr")
    assert rows.count() == 2
    alpha = page.locator("#sources tr[data-source=alpha]")
    assert "0 3 1 1 *" in alpha.inner_text() and "succeeded" in alpha.inner_text()
    assert "UTC" in alpha.locator("td").nth(3).inner_text()  # the next run is shown
    assert page.locator("#runs tbody tr").count() >= RUNS_OF_ALPHA

    charts = page.locator(".drift-source[data-source=alpha] figure.chart")
    assert charts.count() == 6
    for metric in ("median_word_count", "empty_body_rate", "clutter_lint_hits",
                   "duplicate_rate", "records", "errors"):
        svg = page.locator(f".drift-source[data-source=alpha] figure[data-metric={metric}] svg")
        assert svg.get_attribute("data-points") == str(RUNS_OF_ALPHA), metric
        assert svg.locator("circle.point").count() == RUNS_OF_ALPHA
        assert svg.locator("path.series").get_attribute("d").startswith("M")
    values = page.locator(".drift-source[data-source=alpha] figure[data-metric=median_word_count]"
                          " circle.point").evaluate_all("els => els.map(e => +e.dataset.value)")
    assert values == sorted(values) and values[0] < values[-1]  # word counts grew each run
    beta_points = page.locator(".drift-source[data-source=beta] svg").first
    assert beta_points.get_attribute("data-points") == "0"
    shot(page, "dashboard.png")
    assert page.errors == []


def test_run_now_from_the_dashboard(page, site: Site) -> None:
    page.goto(f"{site.base}/dashboard")
    page.wait_for_selector("body[data-loaded=true]")
    page.click("#sources tr[data-source=beta] button")
    page.wait_for_selector("#action:has-text('Started run')")
    page.wait_for_selector("#runs tbody tr:has(td:text-is('beta'))")
    assert page.errors == []


def test_the_inspector_marks_removed_text_in_the_archived_page(page, site: Site) -> None:
    page.goto(f"{site.base}/dashboard/inspector?id={site.archived_id}")
    page.wait_for_selector("body[data-loaded=true]")
    assert "corroded cables" in page.locator("#record-text").inner_text()
    assert "Randomly recommend" not in page.locator("#record-text").inner_text()
    frame = page.frame_locator("#page-frame")
    marks = frame.locator("mark.thresher-removed")
    assert marks.count() >= len(site.removed) >= 1
    marked = " ".join(marks.all_inner_texts())
    assert "Randomly recommend to you" in marked
    rules = set(marks.evaluate_all("els => els.map(e => e.dataset.rule)"))
    assert rules == {item["rule"] for item in site.removed}
    assert page.locator("#removed td.found").count() == len(site.removed)
    assert page.locator("#removed td.not-found").count() == 0
    assert frame.locator("script, img[src]").count() == 0
    shot(page, "inspector-archived.png")
    assert page.errors == []


def test_the_inspector_reconstructs_when_the_page_was_not_archived(page, site: Site) -> None:
    page.goto(f"{site.base}/dashboard/inspector?id={site.reconstructed_id}")
    page.wait_for_selector("body[data-loaded=true]")
    assert page.locator("#page-frame").is_hidden()
    assert "reconstruction" in page.locator("#page-note").inner_text()
    marks = page.locator("#page-reconstructed mark.thresher-removed")
    assert marks.count() >= len(site.removed)
    assert "Randomly recommend to you" in " ".join(marks.all_inner_texts())
    shot(page, "inspector-reconstructed.png")
    assert page.errors == []


def test_the_inspector_lists_the_latest_records(page, site: Site) -> None:
    page.goto(f"{site.base}/dashboard/inspector")
    page.wait_for_selector("body[data-loaded=true]")
    links = page.locator("#recent-list a")
    assert links.count() >= 2
    assert "Harbour bridge" in links.first.inner_text()  # newest first
    links.first.click()
    page.wait_for_selector("#inspection:not([hidden])")
    assert page.errors == []
