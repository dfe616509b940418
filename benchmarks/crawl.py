"""Crawl throughput: Thresher vs a naive Scrapy project on the same local site, same run.

    python -m benchmarks.crawl [--pages 2000] [--repeat 1] [--workers N] [--json OUT]

The site (benchmarks/sites/) has ``--pages`` article pages of 50-150 KB with realistic
boilerplate, plus listing pages, a sitemap and a feed; it is generated once and served from
memory by an asyncio server in its own process. Before the crawls a loopback fetch loop
measures the server alone, to show it is not the limit. Then, per repeat (order rotated):

  thresher        Thresher's spider + every pipeline (extraction in a process pool), JSONL +
                  SQLite sinks: ``crawler.run.run_crawls``, what ``thresher crawl`` runs.
  naive           benchmarks/naive_scrapy: a CrawlSpider + a pipeline calling
                  ``trafilatura.extract`` inline on the reactor thread, JSONL out.
  thresher-noext  Thresher with the extraction pipeline removed: the crawl's own ceiling.

All three start from the home page and follow links, obey robots.txt, use 16 concurrent
requests (8 per domain), no download delay, and AutoThrottle OFF (it would pace a
throughput test by latency, not by work). Each runs as its own process; CPU is user+sys of
the process tree (extraction workers included), memory the peak summed RSS (and PSS) of the
tree, sampled from /proc (see benchmarks/proctree.py); "main CPU" / "main RSS" are the crawl
process alone (the reactor thread): main CPU near the wall time means the reactor is the
bottleneck; "cores" = CPU s / wall s, the CPU the contender actually got (well under 2 when
other work shares the machine). Summed RSS counts pages that forked workers share with their
forkserver once per process; PSS counts them once (the memory actually used).
pages/s = article pages done (record written, or PageItem emitted for thresher-noext) / wall
seconds, process start to exit.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from .proctree import TreeUsage, run_measured
from .sites.fetchloop import FetchLoopResult, fetch_loop

REPO = Path(__file__).resolve().parents[1]
CONTENDERS = ("thresher", "naive", "thresher-noext")
TARGET_RATIO = 1.7
TARGET_PEAK_RSS_MB = 400


@dataclass(frozen=True)
class RunResult:
    contender: str
    repeat: int
    articles: int  # article pages done
    responses: int  # every response downloaded (robots, listings, articles...)
    usage: TreeUsage

    @property
    def pages_per_second(self) -> float:
        return self.articles / self.usage.wall_seconds

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.usage.cpu_seconds / self.articles if self.articles else 0.0


class SiteProcess:
    """The benchmark site server, in its own process, for the duration of a ``with``."""

    def __init__(self, pages: int, procs: int) -> None:
        self.command = [sys.executable, "-m", "benchmarks.sites.server", "--pages", str(pages),
                        "--procs", str(procs)]
        self.process: subprocess.Popen[str] | None = None
        self.base_url = ""

    def __enter__(self) -> SiteProcess:
        self.process = subprocess.Popen(self.command, cwd=REPO, stdout=subprocess.PIPE,
                                        text=True)
        line = self.process.stdout.readline() if self.process.stdout else ""
        if not line.startswith("READY "):
            raise RuntimeError(f"benchmark server did not start: {line!r}")
        self.base_url = line.split()[1]
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="article pages (default 2000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per contender (median)")
    parser.add_argument("--workers", type=int, help="Thresher extraction processes "
                                                    "(default: crawler.pool.default_workers())")
    parser.add_argument("--server-procs", type=int, default=1)
    parser.add_argument("--only", choices=CONTENDERS, action="append",
                        help="run only these contenders (repeatable)")
    parser.add_argument("--json", type=Path, help="also write every run as JSON here")
    args = parser.parse_args(argv)
    contenders = tuple(args.only or CONTENDERS)
    print(f"machine: {os.cpu_count()} CPUs, load average {_loadavg()} at start")
    with SiteProcess(args.pages, args.server_procs) as site, \
            tempfile.TemporaryDirectory(prefix="thresher-crawl-bench-") as scratch:
        server = measure_server(site.base_url)
        print(f"server alone: {server.pages_per_second:.0f} pages/s, "
              f"{server.megabytes_per_second:.0f} MB/s ({server.pages} pages in "
              f"{server.seconds:.1f} s, 2 loopback clients, keep-alive)")
        sources = _write_sources(Path(scratch), site.base_url)
        results = []
        for repeat in range(args.repeat):
            order = contenders[repeat % len(contenders):] + contenders[:repeat % len(contenders)]
            for name in order:
                result = RUNNERS[name](Path(scratch) / f"{name}-{repeat}", site.base_url,
                                       sources, args.workers, repeat)
                print(f"  run {repeat + 1}/{args.repeat} {name:15} "
                      f"{result.pages_per_second:7.1f} pages/s  {result.articles} articles  "
                      f"rc={result.usage.returncode}", flush=True)
                results.append(result)
    print(f"\nload average {_loadavg()} at the end (other work on the machine slows every "
          "contender; compare within one run)")
    print(report(results, args.pages, server))
    if args.json:
        args.json.write_text(json.dumps(
            {"pages": args.pages, "server": asdict(server),
             "runs": [asdict(r) | {"pages_per_second": r.pages_per_second} for r in results]},
            indent=2), "utf-8")
    failed = [r for r in results if r.usage.returncode != 0 or r.articles < args.pages]
    for r in failed:
        print(f"WARNING: {r.contender} run {r.repeat + 1}: rc={r.usage.returncode}, "
              f"{r.articles}/{args.pages} articles", file=sys.stderr)
    return 1 if failed else 0


def measure_server(base_url: str) -> FetchLoopResult:
    return fetch_loop(base_url, _article_paths(base_url), seconds=3.0, clients=2)


def _article_paths(base_url: str) -> list[str]:
    """The article paths of the first child sitemap (500 pages: plenty to cycle through)."""
    with urllib.request.urlopen(base_url + "/sitemaps/news-1.xml") as response:
        xml = response.read().decode()
    return [u.removeprefix(base_url) for u in re.findall(r"<loc>(.*?)</loc>", xml)]


def _write_sources(folder: Path, base_url: str) -> Path:
    path = folder / "sources.toml"
    path.write_text(f"""
[[source]]
name = "bench"
start_urls = ["{base_url}/"]
allow_private = true
concurrency = 8
delay = 0
""", "utf-8")
    return path


def run_thresher(folder: Path, base_url: str, sources: Path, workers: int | None,
                 repeat: int, extract: bool = True) -> RunResult:
    command = [sys.executable, "-m", "benchmarks.crawl_thresher", str(sources), str(folder)]
    if not extract:
        command.append("--no-extract")
    if workers is not None:
        command += ["--workers", str(workers)]
    folder.mkdir(parents=True)
    usage = run_measured(command, cwd=REPO, stdout_path=folder / "log.txt")
    stats = _read_json(next(iter(sorted(folder.glob("bench-*.stats.json"))), None))
    articles = int(stats.get("thresher/records", 0) if extract
                   else stats.get("item_scraped_count", 0))
    return RunResult("thresher" if extract else "thresher-noext", repeat, articles,
                     int(stats.get("downloader/response_count", 0)), usage)


def run_naive(folder: Path, base_url: str, sources: Path, workers: int | None,
              repeat: int) -> RunResult:
    folder.mkdir(parents=True)
    output, stats_path = folder / "naive.jsonl", folder / "stats.json"
    command = [sys.executable, "-m", "benchmarks.naive_scrapy.run", base_url, str(output),
               str(stats_path)]
    usage = run_measured(command, cwd=REPO, stdout_path=folder / "log.txt")
    articles = sum(1 for _ in output.open("rb")) if output.exists() else 0
    stats = _read_json(stats_path)
    return RunResult("naive", repeat, articles, int(stats.get("downloader/response_count", 0)),
                     usage)


RUNNERS: dict[str, Callable[..., RunResult]] = {
    "thresher": run_thresher,
    "naive": run_naive,
    "thresher-noext": lambda *a: run_thresher(*a, extract=False),
}


def report(results: list[RunResult], pages: int, server: FetchLoopResult) -> str:
    by_name: dict[str, list[RunResult]] = {}
    for r in results:
        by_name.setdefault(r.contender, []).append(r)
    med = {name: _medians(runs) for name, runs in by_name.items()}
    header = (f"{'contender':15} {'pages/s':>8} {'wall s':>7} {'CPU s':>7} {'main CPU s':>10} "
              f"{'cores':>5} {'CPU ms/pg':>9} "
              f"{'peak RSS MB':>11} {'peak PSS MB':>11} {'main RSS MB':>11} {'articles':>8} "
              f"{'responses':>9}")
    lines = [f"crawl benchmark: {pages} article pages, medians of "
             f"{max(len(v) for v in by_name.values())} run(s); AutoThrottle off for all", header]
    for name in CONTENDERS:
        if name in med:
            m = med[name]
            lines.append(f"{name:15} {m['pps']:8.1f} {m['wall']:7.1f} {m['cpu']:7.1f} "
                         f"{m['main_cpu']:10.1f} {m['cpu'] / m['wall']:5.2f} "
                         f"{m['cpu_ms']:9.1f} {m['rss']:11.0f} "
                         f"{m['pss']:11.0f} {m['main_rss']:11.0f} "
                         f"{m['articles']:8.0f} {m['responses']:9.0f}")
    if "naive" in med:
        base = med["naive"]
        for name in ("thresher", "thresher-noext"):
            if name in med:
                m = med[name]
                lines.append(f"{name} / naive: pages/s x{m['pps'] / base['pps']:.2f}, "
                             f"CPU s x{m['cpu'] / base['cpu']:.2f}, "
                             f"peak RSS x{m['rss'] / base['rss']:.2f}")
    for name in ("thresher", "thresher-noext"):
        if name in by_name:
            lines.append(f"{name} peak RSS by process (run 1): "
                         + _parts(by_name[name][0].usage.peak_parts))
    if "thresher" in med and "naive" in med:
        ratio = med["thresher"]["pps"] / med["naive"]["pps"]
        rss = med["thresher"]["rss"]
        verdict = "MET" if ratio >= TARGET_RATIO and rss < TARGET_PEAK_RSS_MB else "NOT MET"
        lines.append(f"target (>= {TARGET_RATIO}x naive pages/s, peak summed RSS < "
                     f"{TARGET_PEAK_RSS_MB} MB): {verdict} (x{ratio:.2f}, RSS {rss:.0f} MB, "
                     f"PSS {med['thresher']['pss']:.0f} MB)")
    fastest = max(m["pps"] for m in med.values())
    lines.append(f"server alone {server.pages_per_second:.0f} pages/s = "
                 f"{server.pages_per_second / fastest:.1f}x the fastest crawl: "
                 f"{'not' if server.pages_per_second > 2 * fastest else 'POSSIBLY'} the limit")
    return "\n".join(lines)


def _parts(parts: tuple[tuple[str, int], ...]) -> str:
    """``main 120 + worker 140 + tracker 12 MB`` (roles in order of first appearance)."""
    return " + ".join(f"{role} {size / 2**20:.0f}" for role, size in parts) + " MB"


def _medians(runs: list[RunResult]) -> dict[str, float]:
    def median(values: list[float]) -> float:
        return statistics.median(values)

    return {
        "pps": median([r.pages_per_second for r in runs]),
        "wall": median([r.usage.wall_seconds for r in runs]),
        "cpu": median([r.usage.cpu_seconds for r in runs]),
        "main_cpu": median([r.usage.main_cpu_seconds for r in runs]),
        "cpu_ms": median([r.cpu_ms_per_page for r in runs]),
        "rss": median([r.usage.peak_rss_bytes / 2**20 for r in runs]),
        "pss": median([r.usage.peak_pss_bytes / 2**20 for r in runs]),
        "main_rss": median([r.usage.peak_main_rss_bytes / 2**20 for r in runs]),
        "articles": median([r.articles for r in runs]),
        "responses": median([r.responses for r in runs]),
    }


def _read_json(path: Path | None) -> dict:
    if path is None or not path.exists():
        return {}
    return json.loads(path.read_text("utf-8"))


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
