"""Shared helpers for the service tests: a state folder, a sources file, a steerable crawl."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from crawler.service.clock import Clock, utc_now
from crawler.service.config import ServiceConfig
from crawler.service.lifecycle import ThresherService
from crawler.sources import load_sources

FAKE_CRAWL = Path(__file__).with_name("fake_crawl.py")
YEARLY = "0 3 1 1 *"


def wait_until(predicate: Callable[[], object], timeout: float = 60.0,
               what: str = "condition") -> None:
    """Poll until ``predicate()`` is true; fail naming ``what`` if it never becomes true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def write_sources(path: Path, schedules: dict[str, str | None]) -> Path:
    blocks = []
    for name, cron in schedules.items():
        block = f'[[source]]\nname = "{name}"\nstart_urls = ["http://127.0.0.1:9/"]\n'
        if cron:
            block += f'schedule = "{cron}"\n'
        blocks.append(block)
    path.write_text("\n".join(blocks), "utf-8")
    return path


@dataclass
class Harness:
    root: Path
    config: ServiceConfig

    @property
    def control(self) -> Path:
        return self.root / "control"

    def service(self, clock: Clock = utc_now, **changes: object) -> ThresherService:
        config = replace(self.config, **changes) if changes else self.config
        return ThresherService(config, load_sources(config.sources), clock)

    def starts(self, source: str) -> int:
        path = self.control / f"{source}.started"
        return len(path.read_text().split()) if path.exists() else 0

    def set_mode(self, source: str, mode: str) -> None:
        (self.control / f"{source}.mode").write_text(mode)

    def release(self, source: str) -> None:
        (self.control / f"{source}.release").write_text("go")

    def write_records(self, source: str, count: int) -> None:
        (self.control / f"{source}.records").write_text(str(count))

    def got_sigint(self, source: str) -> bool:
        return (self.control / f"{source}.sigint").exists()


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    control = tmp_path / "control"
    control.mkdir()
    # Yearly: on the real clock a scheduled run must not start in the middle of a test.
    # The scheduler tests freeze the clock and give alpha a five-minute cron.
    sources = write_sources(tmp_path / "sources.toml", {"alpha": YEARLY, "beta": None})
    config = ServiceConfig(
        sources=sources, state_dir=tmp_path / "state", keep_pages=False,
        crawl_timeout=120, stop_grace=10, shutdown_grace=0.2, misfire_grace=3600,
        crawl_command=(sys.executable, str(FAKE_CRAWL), "--source", "{source}",
                       "--stats", "{stats}", "--control", str(control), "--output", "{output}"),
    )
    yield Harness(tmp_path, config)
