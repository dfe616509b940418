"""Scale-out benchmark: 1, 2 and 4 cluster workers on this machine, pages/s side by side.

    python -m benchmarks.scale [--pages 300] [--workers 1,2,4] [--extract-workers 0]
        [--redis redis://127.0.0.1:6379/0] [--pg 'host=127.0.0.1 dbname=test']

Serves the synthetic newsroom site (``benchmarks.sites.server``: 50-150 KB article pages,
listings, a sitemap, prebuilt responses on an asyncio server) and, for each worker count,
seeds a fresh cluster run (its own Redis prefix and PostgreSQL schema, removed afterwards)
and starts that many ``thresher cluster worker`` processes. The clock runs from starting the
workers to the moment the frontier is quiet (queue empty, nothing in flight: every page's
outcome written), so the workers' idle timeout and the settle pass are not counted; process
start-up (imports, connections) is. The baseline is the one-worker run in the same
invocation; every row shows its speed-up over it.

Beside pages/s it reports where the time went: CPU seconds of the worker processes per page
(from the kernel's accounting of the children), the share of the machine's cores they kept
busy, Redis's own CPU, and the machine's load average (other people's work counts too), so
the closing note can say what the limit is.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
import redis

from crawler.cluster.config import ClusterConfig
from crawler.cluster.frontier import Frontier
from crawler.cluster.pg import PgTarget, drop_schema

REPO = Path(__file__).resolve().parents[1]
SOURCE = "newsroom"


@dataclass(frozen=True)
class Result:
    workers: int
    seconds: float
    pages: int
    records: int
    worker_cpu: float
    redis_cpu: float
    load: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="article pages on the site")
    parser.add_argument("--workers", default="1,2,4", help="worker counts, comma-separated")
    parser.add_argument("--extract-workers", type=int, default=0,
                        help="extraction processes per worker (0: inline, the default here, "
                             "so N workers are N busy processes)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per worker count (median)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--pg", default="host=127.0.0.1 dbname=test")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    server, base_url = start_site(args.pages)
    try:
        with tempfile.TemporaryDirectory(prefix="thresher-scale-") as tmp:
            sources = write_sources(Path(tmp), base_url)
            results = []
            for count in counts:
                runs = [run_cluster(sources, Path(tmp), count, args) for _ in range(args.repeat)]
                results.append(sorted(runs, key=lambda r: r.seconds)[len(runs) // 2])
                print(f"  {count} worker(s): {results[-1].pages_per_second:.1f} pages/s",
                      file=sys.stderr)
    finally:
        server.terminate()
        server.wait()
    report(results, os.cpu_count() or 1)
    return 0


def start_site(pages: int) -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen([sys.executable, "-m", "benchmarks.sites.server", "--pages",
                               str(pages)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    line = server.stdout.readline().split()
    if not line or line[0] != "READY":
        server.kill()
        raise SystemExit(f"the benchmark site did not start: {line}")
    return server, line[1]


def write_sources(folder: Path, base_url: str) -> Path:
    path = folder / "sources.toml"
    path.write_text(f"""
[[source]]
name = "{SOURCE}"
start_urls = ["{base_url}/"]
sitemaps = ["{base_url}/sitemap_index.xml"]
allow_private = true
concurrency = 16
""", "utf-8")
    return path


def run_cluster(sources: Path, folder: Path, count: int, args: argparse.Namespace) -> Result:
    name = f"bench{uuid.uuid4().hex[:10]}"
    target = PgTarget(args.pg, name)
    config = ClusterConfig(redis_url=args.redis, source=SOURCE, prefix=name)
    frontier = config.frontier("bench")
    cli = [sys.executable, "-m", "crawler.cli", "cluster"]
    common = ["--sources", str(sources), "--redis", args.redis, "--prefix", name]
    try:
        subprocess.run([*cli, "seed", SOURCE, *common], cwd=REPO, check=True,
                       capture_output=True)
        redis_cpu = _redis_cpu(frontier.server)
        started = time.monotonic()
        workers = [subprocess.Popen(
            [*cli, "worker", SOURCE, *common, "--pg", args.pg, "--pg-schema", name,
             "--idle-timeout", "1", "--output", str(folder / name), "--workers",
             str(args.extract_workers), "--no-settle"],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(count)]
        loads = []
        while not _finished(frontier, workers):
            loads.append(os.getloadavg()[0])
            time.sleep(0.1)
        seconds = time.monotonic() - started
        redis_cpu = _redis_cpu(frontier.server) - redis_cpu
        cpu = sum(_wait_cpu(worker) for worker in workers)
        return Result(count, seconds, frontier.state().seen, _records(target), cpu, redis_cpu,
                      statistics.mean(loads) if loads else 0.0)
    finally:
        frontier.clear()
        drop_schema(target)


def _finished(frontier: Frontier, workers: list[subprocess.Popen]) -> bool:
    if all(w.poll() is not None for w in workers):
        return True
    state = frontier.state()
    return state.quiet and state.seen > 0 and state.workers > 0


def _wait_cpu(worker: subprocess.Popen) -> float:
    """Wait for ``worker`` and return the CPU seconds it (and its children) used."""
    _, _, usage = os.wait4(worker.pid, 0)
    worker.returncode = 0
    return usage.ru_utime + usage.ru_stime


def _redis_cpu(server: redis.Redis) -> float:
    info = server.info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def _records(target: PgTarget) -> int:
    try:
        with psycopg.connect(target.dsn) as db:
            return int(db.execute(f'SELECT count(*) FROM "{target.schema}".records')
                       .fetchone()[0])
    except psycopg.Error:
        return 0


def report(results: list[Result], cores: int) -> None:
    base = results[0]
    print(f"\nScale-out: {base.pages} pages per run, {cores} cores; baseline = "
          f"{base.workers} worker(s) in this same run\n")
    print(f"{'workers':>7} {'seconds':>8} {'pages/s':>8} {'speed-up':>8} {'records':>8} "
          f"{'cpu ms/page':>11} {'cores busy':>10} {'redis cpu s':>11} {'load avg':>8}")
    for r in results:
        print(f"{r.workers:>7} {r.seconds:>8.1f} {r.pages_per_second:>8.1f} "
              f"{r.pages_per_second / base.pages_per_second:>7.2f}x {r.records:>8} "
              f"{1000 * r.worker_cpu / r.pages:>11.1f} {r.worker_cpu / r.seconds:>10.2f} "
              f"{r.redis_cpu:>11.2f} {r.load:>8.1f}")
    best = max(results, key=lambda r: r.pages_per_second)
    print(f"\nLimit: the workers' own CPU is {1000 * best.worker_cpu / best.pages:.0f} ms per "
          f"page (fetch, extraction, pipelines) and at best they kept "
          f"{best.worker_cpu / best.seconds:.2f} of {cores} cores busy; Redis used "
          f"{best.redis_cpu:.2f} s in the whole best run. A run is CPU-bound when the busy "
          f"cores approach {cores} (or the load average exceeds it: other processes share "
          f"the machine); more workers than cores then only add start-up and contention.")


if __name__ == "__main__":
    sys.exit(main())
