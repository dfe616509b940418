"""Soak run: 20,000 pages, 10% of them hostile, crawled end to end; every page accounted for.

    python -m benchmarks.soak                      # 20,000 pages, seed 7
    python -m benchmarks.soak --pages 2000 --out /tmp/soak

A local fault server (``tests/hardening/fault_server.py``, the one the hardening tests use)
serves a sitemap index listing ``--pages`` article pages; a seeded ``--fault-rate`` share of
them misbehave (5xx and 429 then fine, always 500, resets, truncated bodies, stalls, empty
200s, PDFs and PNGs labelled text/html, redirect loops and chains, over-size pages, gzip
bombs, 404s), each with its expected outcome. The crawl (the real ``crawler.run``, default
pipelines) runs in a child process; this process samples the memory of the child's whole
process tree (crawler, fork server, extraction workers, resource tracker) every
``--sample-every`` seconds.

Printed: records, errors entries by reason, skipped listings and duplicates, pages whose
outcome differs from the ground truth, and memory over time; asserted: records + errors
entries + skipped + duplicates = pages, nothing unaccounted, and the peak of the tree's
SUMMED RSS under 500 MB — the number ``ps``/``top`` users add up, which counts pages that
forked workers share with the fork server once per process. The peak PSS of the tree (shared
pages split between the processes sharing them: what the tree really holds) and the crawler
process's own peak (its kernel high-water mark, VmHWM, exact between samples) are printed
beside it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PEAK_RSS_TARGET_MB = 500
_PAGE = os.sysconf("SC_PAGE_SIZE")

# Thresher's defaults (idle 10 s, total 25 s, robots, traps, canonical URLs, all pipelines),
# except: no AutoThrottle against a local server, short retry backoff, a 2 MB size cap.
SETTINGS: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 32,
    "RETRY_TIMES": 2,
    "RETRY_BACKOFF_BASE": 0.2,
    "RETRY_BACKOFF_MAX": 2.0,
    "DOWNLOAD_MAXSIZE": 2 * 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 0,
    "LOG_LEVEL": "ERROR",
}

# The baseline: the same crawler with this hardening taken out (Scrapy's own robots
# middleware, download handler and fingerprints; no sniffing, loop, trap or XML checks).
UNHARDENED: dict[str, Any] = {
    "DOWNLOADER_MIDDLEWARES": {
        "crawler.middlewares.canonical.CanonicalUrlMiddleware": None,
        "crawler.middlewares.robots_policy.RobotsPolicyMiddleware": None,
        "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": 100,
        "crawler.middlewares.traps.TrapMiddleware": None,
        "crawler.middlewares.private_scope.PrivateScopeMiddleware": None,
        "crawler.middlewares.content_type.ContentTypeMiddleware": None,
        "crawler.middlewares.xml_safety.XmlSafetyMiddleware": None,
        "crawler.middlewares.truncation.TruncationMiddleware": None,
        "crawler.middlewares.redirects.RedirectBoundsMiddleware": None,
    },
    "DOWNLOAD_HANDLERS": {
        "http": "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler",
        "https": "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler",
    },
    "REQUEST_FINGERPRINTER_CLASS": "scrapy.utils.request.RequestFingerprinter",
}

WORDS = tomllib.loads((Path(__file__).with_name("soak_words.toml")).read_text("utf-8"))


@dataclass(frozen=True)
class Fault:
    name: str
    expect: str  # "record" or the errors reason


FAULTS = (
    Fault("503-then-ok", "record"), Fault("429-then-ok", "record"),
    Fault("reset-then-ok", "record"), Fault("short-chain", "record"),
    Fault("always-500", "http_500"), Fault("gone-404", "http_404"),
    Fault("truncated", "truncated"), Fault("stall", "idle_timeout"),
    Fault("empty-200", "empty_body"), Fault("pdf-as-html", "not_html"),
    Fault("png-as-html", "not_html"), Fault("redirect-loop", "redirect_loop"),
    Fault("huge", "too_large"), Fault("gzip-bomb", "too_large"),
)


def article(rng: random.Random, n: int) -> bytes:
    """A short English article of random sentences: distinct per page, no near-duplicates."""
    def pick(kind: str) -> str:
        return rng.choice(WORDS[kind])

    def sentence() -> str:
        return (f"The {pick('adjectives')} {pick('nouns')} {pick('verbs')} the "
                f"{pick('adjectives')} {pick('nouns')} {pick('prepositions')} the "
                f"{pick('nouns')} on {rng.choice(('Monday', 'Friday', 'Sunday'))}.")

    paragraphs = "".join(f"<p>{' '.join(sentence() for _ in range(4))}</p>" for _ in range(5))
    title = f"{pick('adjectives')} {pick('nouns')} {pick('verbs')}".capitalize()
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} {n}'
            f"</title></head><body><article><h1>{title} {n}</h1>{paragraphs}</article>"
            f"</body></html>").encode()


def build_site(server: Any, pages: int, fault_rate: float, seed: int
               ) -> dict[str, tuple[str, str]]:
    """Install the routes on ``server``; return path -> (fault name or "", expected outcome)."""
    from tests.hardening.fault_server import Page
    from tests.hardening.fault_site import gzip_bomb

    rng = random.Random(seed)
    assets = {"bomb": gzip_bomb(64 * 1024 * 1024), "pdf": b"%PDF-1.7\n" + b"0" * 3000,
              "png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
              "huge": b"<html><body><p>" + b"big " * 800_000}
    routes, expected = server.routes, {}
    for n in range(pages):
        path = f"/p/{n}"
        ok = Page(200, article(rng, n))
        fault = rng.choice(FAULTS) if rng.random() < fault_rate else None
        expected[path] = (fault.name, fault.expect) if fault else ("", "record")
        routes[path] = _hostile(fault.name, path, ok, assets) if fault else ok
        if fault and fault.name == "short-chain":
            routes[f"/hop/{n}"] = Page(301, b"", {"Location": f"/final/{n}"})
            routes[f"/final/{n}"] = ok
    _sitemaps(server, list(expected))
    return expected


def _hostile(name: str, path: str, ok: Any, assets: dict[str, bytes]) -> Any:
    from tests.hardening.fault_server import Page, Reset, Sequence, Stall, Truncated

    n = path.rsplit("/", 1)[1]
    if name == "503-then-ok":
        return Sequence((Page(503), ok))
    if name == "429-then-ok":
        return Sequence((Page(429, b"", {"Retry-After": "1"}), ok))
    if name == "reset-then-ok":
        return Sequence((Reset(), ok))
    if name == "short-chain":
        return Page(302, b"", {"Location": f"/hop/{n}"})
    if name == "truncated":
        return Truncated(ok.body[:300], len(ok.body))
    if name == "stall":
        return Stall(60.0, first=ok.body[:200])
    if name == "redirect-loop":
        return Page(302, b"", {"Location": path})
    if name == "gzip-bomb":
        return Page(200, assets["bomb"], {"Content-Type": "text/html",
                                          "Content-Encoding": "gzip"})
    return {"always-500": Page(500), "empty-200": Page(200, b""),
            "gone-404": Page(404, b"<html><body>not here</body></html>"),
            "pdf-as-html": Page(200, assets["pdf"]), "png-as-html": Page(200, assets["png"]),
            "huge": Page(200, assets["huge"])}[name]


def _sitemaps(server: Any, paths: list[str], per_file: int = 1000) -> None:
    from tests.hardening.fault_server import Page

    xml = {"Content-Type": "application/xml"}
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    children = []
    for k in range(0, len(paths), per_file):
        locs = "".join(f"<url><loc>{server.url(p)}</loc></url>" for p in paths[k:k + per_file])
        child = f"/sitemaps/{k // per_file}.xml.gz"
        server.routes[child] = Page(200, gzip.compress(
            f'<?xml version="1.0"?><urlset {ns}>{locs}</urlset>'.encode()), xml)
        children.append(child)
    entries = "".join(f"<sitemap><loc>{server.url(c)}</loc></sitemap>" for c in children)
    server.routes["/sitemap.xml"] = Page(200, (f'<?xml version="1.0"?><sitemapindex {ns}>'
                                               f"{entries}</sitemapindex>").encode(), xml)
    server.routes["/robots.txt"] = Page(200, b"User-agent: *\nAllow: /\n",
                                        {"Content-Type": "text/plain"})


# -- measuring --------------------------------------------------------------------------------

def tree_memory(root: int) -> tuple[int, int, int, dict[str, int]]:
    """(RSS summed over ``root`` and its descendants, their PSS summed, RSS of ``root``, RSS
    by role: crawler / fork server / worker / resource tracker, summed over its processes).

    Forked extraction workers share pages with the fork server; the summed RSS counts those
    pages once per process, PSS splits them (the memory the tree really holds).
    """
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            pages = int(Path(entry.path, "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        pid = int(entry.name)
        children.setdefault(int(stat[1]), []).append(pid)
        rss[pid] = pages * _PAGE
    total, pss, todo = 0, 0, [(root, "")]
    by_role: Counter[str] = Counter()
    while todo:
        pid, parent_role = todo.pop()
        role = _role(pid, root, parent_role)
        total += rss.get(pid, 0)
        pss += _pss(pid)
        by_role[role] += rss.get(pid, 0)
        todo += [(child, role) for child in children.get(pid, [])]
    return total, pss, rss.get(root, 0), dict(by_role)


def _role(pid: int, root: int, parent_role: str) -> str:
    """crawler, fork server, worker (forked by the server: same command line), tracker."""
    if pid == root:
        return "crawler"
    if parent_role in ("fork server", "worker"):
        return "worker"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "other"
    for marker, role in ((b"forkserver", "fork server"), (b"resource_tracker", "tracker")):
        if marker in command:
            return role
    return "worker"  # spawned workers (start method "spawn")


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class RssSampler(threading.Thread):
    def __init__(self, pid: int, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, int, int, int]] = []  # (s, tree RSS, tree PSS, main)
        self.at_peak: dict[str, int] = {}  # RSS by role in the sample of the peak summed RSS
        self.done = threading.Event()

    def run(self) -> None:
        start = time.monotonic()
        while not self.done.wait(self.every):
            tree, pss, main, by_role = tree_memory(self.pid)
            if tree:
                if tree > max((s[1] for s in self.samples), default=0):
                    self.at_peak = by_role
                self.samples.append((round(time.monotonic() - start, 1), tree, pss, main))


# -- the run ----------------------------------------------------------------------------------

def run_soak(pages: int, fault_rate: float, seed: int, out: Path,
             extra_settings: dict[str, Any] | None = None,
             sample_every: float = 0.5) -> dict[str, Any]:
    from tests.hardening.fault_server import FaultServer

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with FaultServer() as server:
        expected = build_site(server, pages, fault_rate, seed)
        sources = out / "sources.toml"
        sources.write_text(f'[[source]]\nname = "soak"\nsitemaps = ["{server.url("/sitemap.xml")}"]'
                           "\nallow_private = true\nconcurrency = 16\n", "utf-8")
        spec = out / "spec.json"
        spec.write_text(json.dumps({"sources": str(sources), "output": str(out / "crawl"),
                                    "settings": {**SETTINGS, **(extra_settings or {})}}),
                        "utf-8")
        started = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "benchmarks.soak", "--child", str(spec)],
                                 cwd=REPO, stderr=(out / "crawl.log").open("wb"))
        sampler = RssSampler(child.pid, sample_every)
        sampler.start()
        returncode = child.wait()
        sampler.done.set()
        sampler.join()
        elapsed = time.monotonic() - started
    report = summarise(out / "crawl", expected, server.base_url, sampler.samples, elapsed,
                       returncode)
    report["peak_rss_by_role_mb"] = {role: round(b / 2**20, 1)
                                     for role, b in sorted(sampler.at_peak.items())}
    hwm = out / "crawl" / "crawler_peak.json"
    report["peak_hwm_main_mb"] = (round(json.loads(hwm.read_text("utf-8"))["vmhwm_kib"] / 1024,
                                        1) if hwm.exists() else None)
    return report


def summarise(crawl_out: Path, expected: dict[str, tuple[str, str]], base: str,
              samples: list[tuple[float, int, int, int]], elapsed: float,
              returncode: int) -> dict[str, Any]:
    (stats_file,) = crawl_out.glob("soak-*.stats.json")
    stats = json.loads(stats_file.read_text("utf-8"))
    (records_file,) = crawl_out.glob("soak-*[0-9]Z.jsonl")
    (errors_file,) = crawl_out.glob("soak-*.errors.jsonl")
    got = {json.loads(line)["url"]: "record" for line in records_file.read_text().splitlines()}
    errors = [json.loads(line) for line in errors_file.read_text().splitlines()]
    page_errors = [e for e in errors if e["kind"] == "page"]
    got |= {e["url"]: e["reason"] for e in page_errors}
    wrong = Counter(f"{fault}: {want} -> {got.get(base + path, 'missing')}"
                    for path, (fault, want) in expected.items() if got.get(base + path) != want)
    skipped, duplicates = stats.get("thresher/skipped_listing", 0), stats.get(
        "thresher/duplicates", 0)
    return {
        "pages": len(expected),
        "faults_injected": dict(Counter(f for f, _ in expected.values() if f).most_common()),
        "records": len([u for u, v in got.items() if v == "record"]),
        "error_entries": len(page_errors),
        "errors_by_reason": dict(Counter(e["reason"] for e in page_errors).most_common()),
        "skipped_listings": skipped, "duplicates": duplicates,
        "unaccounted": stats.get("thresher/unaccounted"),
        "finish_reason": stats.get("finish_reason"), "returncode": returncode,
        "outcome_mismatches": dict(wrong),
        "elapsed_seconds": round(elapsed, 1),
        "pages_per_second": round(len(expected) / elapsed, 1),
        "peak_rss_tree_mb": round(max((s[1] for s in samples), default=0) / 2**20, 1),
        "peak_pss_tree_mb": round(max((s[2] for s in samples), default=0) / 2**20, 1),
        "peak_rss_main_mb": round(max((s[3] for s in samples), default=0) / 2**20, 1),
        "rss_timeline_mb": _timeline(samples),
    }


def _timeline(samples: list[tuple[float, int, int, int]], buckets: int = 12) -> list[str]:
    """Peak summed tree RSS and PSS per slice of the run, e.g. "0-30s: RSS 410 MB, PSS 300"."""
    if not samples:
        return []
    end = samples[-1][0]
    width = max(1.0, end / buckets)
    slices: dict[int, tuple[int, int]] = {}
    for seconds, tree, pss, _ in samples:
        k = int(seconds // width)
        old = slices.get(k, (0, 0))
        slices[k] = (max(old[0], tree), max(old[1], pss))
    return [f"{k * width:.0f}-{(k + 1) * width:.0f}s: RSS {r / 2**20:.0f} MB, PSS "
            f"{p / 2**20:.0f} MB" for k, (r, p) in sorted(slices.items())]


def print_side_by_side(hardened: dict[str, Any], baseline: dict[str, Any]) -> None:
    rows = [("pages", "pages"), ("records", "records"), ("error entries", "error_entries"),
            ("duplicates", "duplicates"), ("unaccounted", "unaccounted"),
            ("pages not as ground truth", "mismatch_count"),
            ("elapsed s", "elapsed_seconds"), ("peak summed RSS MB", "peak_rss_tree_mb"),
            ("peak PSS MB", "peak_pss_tree_mb"), ("crawler RSS MB", "peak_rss_main_mb")]
    for report in (hardened, baseline):
        report["mismatch_count"] = sum(report["outcome_mismatches"].values())
    print(f"\n{'':28}{'Thresher':>12}{'unhardened':>12}{'ratio':>8}")
    for label, key in rows:
        a, b = hardened[key], baseline[key]
        ratio = f"{b / a:.2f}" if isinstance(a, int | float) and a else "-"
        print(f"{label:28}{a:>12}{b:>12}{ratio:>8}")
    print("unhardened, pages not as ground truth:")
    for what, count in sorted(baseline["outcome_mismatches"].items(), key=lambda x: -x[1]):
        print(f"  {count:6}  {what}")


def child_main(spec_path: str) -> int:
    from crawler.run import run_crawls
    from crawler.sources import load_sources

    spec = json.loads(Path(spec_path).read_text("utf-8"))
    output = Path(spec["output"])
    outcomes = run_crawls(load_sources(Path(spec["sources"])), output,
                          settings=spec["settings"])
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so this process would report
    # at least the peak of the soak process that started it (which holds the whole site).
    status = Path("/proc/self/status").read_text("ascii")
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    (output / "crawler_peak.json").write_text(
        json.dumps({"vmhwm_kib": int(found.group(1)) if found else None}), "utf-8")
    return 0 if all(o.finish_reason == "finished" for o in outcomes) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--fault-rate", type=float, default=0.10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("/tmp/thresher-soak"))
    parser.add_argument("--compare-unhardened", action="store_true",
                        help="also crawl the same site without this hardening (the baseline)")
    parser.add_argument("--sample-every", type=float, default=0.5,
                        help="seconds between samples of the process tree's memory")
    parser.add_argument("--child", metavar="SPEC", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args.child)
    report = run_soak(args.pages, args.fault_rate, args.seed, args.out,
                      sample_every=args.sample_every)
    print(json.dumps(report, indent=2))
    ok = print_verdict(report)
    if args.compare_unhardened:
        baseline = run_soak(args.pages, args.fault_rate, args.seed, args.out / "unhardened",
                            UNHARDENED, sample_every=args.sample_every)
        print_side_by_side(report, baseline)
    return 0 if ok else 1


def print_verdict(report: dict[str, Any]) -> bool:
    """Print the closing lines; True when every page is accounted for and memory is in bound."""
    accounted = (report["records"] + report["error_entries"] + report["skipped_listings"]
                 + report["duplicates"])
    reasons = ", ".join(f"{k} {v}" for k, v in report["errors_by_reason"].items())
    print(f"records {report['records']} + error entries {report['error_entries']} ({reasons}) "
          f"+ skipped {report['skipped_listings']} + duplicates {report['duplicates']} = "
          f"{accounted} (pages {report['pages']}, unaccounted {report['unaccounted']})")
    roles = ", ".join(f"{k} {v}" for k, v in report["peak_rss_by_role_mb"].items())
    print(f"peak summed RSS of the process tree {report['peak_rss_tree_mb']} MB (target < "
          f"{PEAK_RSS_TARGET_MB} MB; at the peak: {roles}); peak PSS "
          f"{report['peak_pss_tree_mb']} MB; crawler "
          f"process peak {report['peak_hwm_main_mb']} MB (VmHWM), "
          f"{report['peak_rss_main_mb']} MB sampled")
    return (accounted == report["pages"] and report["unaccounted"] == 0
            and 0 < report["peak_rss_tree_mb"] < PEAK_RSS_TARGET_MB)


if __name__ == "__main__":
    sys.exit(main())
