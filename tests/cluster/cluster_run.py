"""Drive a whole cluster crawl from a test: seed, start worker processes, read the results."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from crawler.cluster.config import ClusterConfig
from crawler.cluster.pg import PgTarget

REPO = Path(__file__).resolve().parents[2]
SOURCE = "gazette"


def write_sources(folder: Path, base_url: str) -> Path:
    path = folder / "sources.toml"
    path.write_text(f"""
[[source]]
name = "{SOURCE}"
start_urls = ["{base_url}/"]
listing_urls = ['/list/', '^https?://[^/]+/$']
allow_private = true
concurrency = 16
""", "utf-8")
    return path


@dataclass
class ClusterRun:
    """One crawl of the test site by ``workers`` processes into ``target``."""

    folder: Path
    sources: Path
    redis_url: str
    prefix: str
    target: PgTarget
    idle_timeout: float = 2.0
    heartbeat_ttl: float = 3.0
    extract_workers: int = 0
    processes: list[subprocess.Popen] = field(default_factory=list)

    def cli(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "crawler.cli", "cluster", *args]

    def seed(self) -> None:
        result = subprocess.run(
            self.cli("seed", SOURCE, "--sources", str(self.sources), "--redis", self.redis_url,
                     "--prefix", self.prefix),
            cwd=REPO, capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 0, result.stderr

    def start_workers(self, count: int) -> None:
        for index in range(count):
            log = open(self.folder / f"worker-{index}.log", "w")  # noqa: SIM115 - child's
            self.processes.append(subprocess.Popen(
                self.cli("worker", SOURCE, "--sources", str(self.sources),
                         "--redis", self.redis_url, "--prefix", self.prefix,
                         "--pg", self.target.dsn, "--pg-schema", self.target.schema,
                         "--idle-timeout", str(self.idle_timeout),
                         "--heartbeat-ttl", str(self.heartbeat_ttl),
                         "--output", str(self.folder / "out"),
                         "--workers", str(self.extract_workers),
                         "--log-level", "WARNING"),
                cwd=REPO, stdout=log, stderr=subprocess.STDOUT))

    def wait(self, timeout: float = 240) -> list[int]:
        deadline = time.monotonic() + timeout
        codes = []
        for process in self.processes:
            try:
                codes.append(process.wait(max(1.0, deadline - time.monotonic())))
            except subprocess.TimeoutExpired:
                self.stop()
                raise AssertionError(f"workers still running after {timeout} s: "
                                     f"{self.logs()}") from None
        return codes

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text('utf-8', 'replace')[-3000:]}"
                         for p in sorted(self.folder.glob("worker-*.log")))

    def stats(self) -> list[dict[str, Any]]:
        """The stats files of the workers that finished."""
        return [json.loads(p.read_text("utf-8"))
                for p in sorted((self.folder / "out").glob("*.stats.json"))]

    def kill_busy_worker(self, frontier_config: ClusterConfig) -> tuple[int, int]:
        """kill -9 the worker with the most requests in flight: (pid, requests it held)."""
        frontier = frontier_config.frontier("test")
        by_pid = {p.pid: p for p in self.processes if p.poll() is None}
        busiest = ("", 0, -1)
        for worker in frontier.workers():
            pid = int(worker.split("-")[-2])
            in_flight = int(frontier.server.hlen(frontier.keys.inflight(worker)))
            if pid in by_pid and in_flight > busiest[2]:
                busiest = (worker, pid, in_flight)
        assert busiest[2] > 0, "no worker had anything in flight"
        os.kill(busiest[1], signal.SIGKILL)
        by_pid[busiest[1]].wait()
        # counted after the kill: what it held when it died (recovery waits for the TTL)
        return busiest[1], int(frontier.server.hlen(frontier.keys.inflight(busiest[0])))


def record_rows(target: PgTarget) -> list[dict[str, Any]]:
    with psycopg.connect(target.dsn) as connection:
        rows = connection.execute(
            f'SELECT json FROM "{target.schema}".records ORDER BY id').fetchall()
    return [row[0] for row in rows]


def record_count(target: PgTarget) -> int:
    try:
        with psycopg.connect(target.dsn) as connection:
            return int(connection.execute(
                f'SELECT count(*) FROM "{target.schema}".records').fetchone()[0])
    except psycopg.Error:
        return 0  # the schema is not there yet


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A record without what may differ between two crawls of the same pages."""
    return {k: v for k, v in record.items() if k != "fetched_at"}
