"""Load test of the record feed: many clients poll /v1/records while a crawl-like writer writes.

    python benchmarks/feed_load.py [--clients 200] [--seconds 30] [--write-rate 50]

Starts a real ``thresher service`` process on 127.0.0.1 (uvicorn, one process), a writer
process that inserts and updates records through the crawl's own SQLite sink, and N
concurrent asyncio clients (aiohttp, one connection each), each polling with its own
cursor. At the end every client drains the feed, and each client's deliveries are checked
against the store:
no request error, no record (or latest version) missed, no version delivered twice.

Beside it, in the same run and against the same store: the same page query straight on
SQLite from 4 threads (the floor without HTTP), and a naive poller paging with
``ORDER BY rowid LIMIT/OFFSET`` (what a feed without a write sequence would do), whose
misses show what the sequence buys.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import multiprocessing
import os
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import aiohttp
import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.context import RunPlan  # noqa: E402 - after the path fix for a plain checkout
from crawler.sinks.sqlite import SqliteSink  # noqa: E402
from crawler.sources import adhoc_source  # noqa: E402

TOKEN = "feed-load-token"
# Each record as the sink stores it has "id" and "content_hash" once each, at top level, in
# that order (the records of make_record nest neither key). Two literal-prefixed scans are
# 8x cheaper than one pattern spanning each record's text (0.65 vs 5 ms per 250 KB page),
# which on a 2-core machine took most of a core away from the service being measured.
IDS = re.compile(rb'"id": "([0-9a-f]+)"')
HASHES = re.compile(rb'"content_hash": "([0-9a-f]{64})"')
SOURCE = "loadtest"
STEADY_AFTER = 5.0  # seconds into the window: the start burst is over
WORDS = ("harbour", "bridge", "council", "repairs", "cables", "ferry", "commuters", "road",
         "market", "engineers", "weeks", "monday", "friday", "city", "deck", "peak", "hours",
         "diverted", "lane", "delivery")


# -- the writer (its own process, like a crawl) ---------------------------------------------

def make_record(number: int, version: int) -> dict:
    rng = random.Random(number * 1000 + version)
    text = " ".join(rng.choice(WORDS) for _ in range(300))  # ~2 KB of text, like a short story
    url = f"https://load.test/news/{number}.html"
    return {
        "schema_version": 1, "id": hashlib.blake2b(url.encode(), digest_size=16).hexdigest(),
        "url": url, "source": SOURCE, "title": f"Story {number}", "text": text,
        "word_count": 300, "content_hash": hashlib.sha256(text.encode()).hexdigest(),
        "revision": version, "fetched_at": "2026-01-05T10:00:00Z", "duplicate_of": None,
        "extraction": {"removed": [], "clutter_lint": []},
    }


def open_sink(output: Path) -> SqliteSink:
    source = replace(adhoc_source(["https://load.test/"]), name=SOURCE)
    sink = SqliteSink(RunPlan(source, f"load-{os.getpid()}", output))
    sink.open()
    return sink


def write_backlog(output: Path, count: int) -> None:
    sink = open_sink(output)
    for number in range(count):
        sink.write(make_record(number, 1))
    sink.close(True)


def writer(output: str, start: int, seconds: float, rate: float, result: dict) -> None:
    """Insert new records and update earlier ones (30%) at ``rate`` writes per second."""
    rng = random.Random(5)
    sink = open_sink(Path(output))
    versions: dict[int, int] = {}
    number, inserts, updates = start, 0, 0
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        if versions and rng.random() < 0.3:
            old = rng.choice(list(versions))
            versions[old] += 1
            sink.write(make_record(old, versions[old]))
            updates += 1
        else:
            versions[number] = 1
            sink.write(make_record(number, 1))
            number, inserts = number + 1, inserts + 1
        time.sleep(max(0.0, began + (inserts + updates) / rate - time.monotonic()))
    sink.close(True)
    result.update(inserts=inserts, updates=updates)


# -- the clients ----------------------------------------------------------------------------

@dataclass
class Client:
    cursor: str = "0"
    seen: list[tuple[str, str]] = field(default_factory=list)
    latencies: list[tuple[float, float]] = field(default_factory=list)  # (sent at, seconds)
    errors: list[str] = field(default_factory=list)
    requests: int = 0

    async def poll_once(self, http: aiohttp.ClientSession, limit: int, timed: bool) -> bool:
        """One page; returns whether more is waiting."""
        started = time.perf_counter()
        try:
            async with http.get("/v1/records",
                                params={"since": self.cursor, "limit": str(limit)}) as response:
                body = await response.read()
        except (aiohttp.ClientError, TimeoutError) as exc:
            self.errors.append(f"{type(exc).__name__}: {exc}")
            return False
        if timed:
            self.latencies.append((started, time.perf_counter() - started))
        self.requests += 1
        if response.status != 200:
            self.errors.append(f"HTTP {response.status}: {body[:200]!r}")
            return False
        # The cursor is in the headers; ids and hashes are read off the body without a full
        # JSON parse, so the clients' own CPU does not swamp what is measured.
        ids, hashes = IDS.findall(body), HASHES.findall(body)
        if len(ids) != len(hashes):
            self.errors.append(f"unreadable page: {len(ids)} ids, {len(hashes)} hashes")
            return False
        self.seen += zip(ids, hashes, strict=True)
        self.cursor = response.headers["X-Next-Cursor"]
        return response.headers["X-Has-More"] == "true"


async def run_clients(base: str, count: int, seconds: float, limit: int, interval: float,
                      writer_done: threading.Event, window: list[float]) -> list[Client]:
    clients = [Client() for _ in range(count)]
    # aiohttp's C HTTP parser: a pure-Python client would be the bottleneck, not the feed.
    connector = aiohttp.TCPConnector(limit=count)
    async with aiohttp.ClientSession(base, connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=120),
                                     headers={"Authorization": f"Bearer {TOKEN}"}) as http:
        deadline = time.monotonic() + seconds
        window[0] = time.perf_counter()

        async def poll(client: Client) -> None:
            await asyncio.sleep(random.random() * interval)  # do not start in lockstep
            while time.monotonic() < deadline:
                if not await client.poll_once(http, limit, timed=True):
                    await asyncio.sleep(interval)

        await asyncio.gather(*(poll(c) for c in clients))
        while not writer_done.is_set():
            await asyncio.sleep(0.1)

        async def drain(client: Client) -> None:
            while await client.poll_once(http, limit, timed=False):
                pass

        await asyncio.gather(*(drain(c) for c in clients))
    return clients


# -- the baselines --------------------------------------------------------------------------

def direct_sqlite(path: Path, seconds: float, limit: int, threads: int = 4) -> list[float]:
    """The feed's page query straight on SQLite: the latency floor without HTTP."""
    latencies: list[float] = []
    lock = threading.Lock()

    def loop() -> None:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        cursor, mine = 0, []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            started = time.perf_counter()
            rows = db.execute("SELECT seq, json FROM records WHERE seq > ? ORDER BY seq LIMIT ?",
                              (cursor, limit)).fetchall()
            mine.append(time.perf_counter() - started)
            cursor = rows[-1][0] if rows else cursor
            if len(rows) < limit:
                time.sleep(0.2)
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return latencies


def offset_poller(path: Path, seconds: float, limit: int, writer_done: threading.Event,
                  result: dict) -> None:
    """A naive feed: ORDER BY rowid with LIMIT/OFFSET. Updated rows keep their place."""
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    offset, seen = 0, []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline or not writer_done.is_set():
        rows = db.execute("SELECT json FROM records ORDER BY rowid LIMIT ? OFFSET ?",
                          (limit, offset)).fetchall()
        for (raw,) in rows:
            record = json.loads(raw)
            seen.append((record["id"], record["content_hash"]))
        offset += len(rows)
        if len(rows) < limit:
            time.sleep(0.2)
    result["seen"] = seen


# -- checking and reporting -----------------------------------------------------------------

def check(seen: list[tuple], final: dict[str, str]) -> tuple[int, int]:
    """(missed, repeated): records whose latest version never came; versions sent twice."""
    seen = [(_text(a), _text(b)) for a, b in seen]
    repeated = len(seen) - len(set(seen))
    last = dict(seen)
    missed = sum(1 for record_id, digest in final.items() if last.get(record_id) != digest)
    return missed, repeated


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def process_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def start_service(state: Path, sources: Path, log: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "THRESHER_API_TOKEN": TOKEN}
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "crawler.cli", "service", "--sources", str(sources),
             "--state-dir", str(state), "--port", "0", "--no-access-log"],
            cwd=REPO, env=env, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        match = re.search(r"Uvicorn running on http://127\.0\.0\.1:(\d+)", log.read_text())
        if match:
            base = f"http://127.0.0.1:{match.group(1)}"
            httpx.get(base + "/healthz", timeout=10).raise_for_status()
            return process, base
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    process.wait()
    raise SystemExit(f"the service did not start:\n{log.read_text()[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--write-rate", type=float, default=50.0, help="writes per second")
    parser.add_argument("--backlog", type=int, default=200, help="records before the start")
    parser.add_argument("--limit", type=int, default=100, help="records per page")
    parser.add_argument("--interval", type=float, default=1.0,
                        help="seconds a caught-up client waits before polling again")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="feed-load-") as folder:
        root = Path(folder)
        state = root / "state"
        output = state / "output"
        store = output / "thresher.sqlite"
        sources = root / "sources.toml"
        sources.write_text(f'[[source]]\nname = "{SOURCE}"\nstart_urls = ["https://load.test/"]\n')
        write_backlog(output, args.backlog)
        service, base = start_service(state, sources, root / "service.log")
        try:
            manager = multiprocessing.get_context("spawn").Manager()
            written = manager.dict()
            writer_process = multiprocessing.get_context("spawn").Process(
                target=writer, args=(str(output), args.backlog, args.seconds, args.write_rate,
                                     written))
            writer_done = threading.Event()
            offset_result: dict = {}
            offset_thread = threading.Thread(target=offset_poller, args=(
                store, args.seconds, args.limit, writer_done, offset_result))
            direct: list[float] = []
            direct_thread = threading.Thread(
                target=lambda: direct.extend(direct_sqlite(store, args.seconds, args.limit)))

            writer_process.start()
            offset_thread.start()
            direct_thread.start()
            threading.Thread(target=lambda: (writer_process.join(), writer_done.set()),
                             daemon=True).start()
            began = time.monotonic()
            window = [0.0]  # when the timed window began (perf_counter)
            clients = asyncio.run(run_clients(base, args.clients, args.seconds, args.limit,
                                              args.interval, writer_done, window))
            elapsed = time.monotonic() - began
            offset_thread.join()
            direct_thread.join()
            with sqlite3.connect(store) as db:
                final = dict(db.execute("SELECT id, content_hash FROM records"))
            server_cpu = process_cpu_seconds(service.pid)
        finally:
            service.terminate()
            service.wait(timeout=60)

        report(args, clients, final, dict(written), elapsed, direct, offset_result["seen"],
               window[0])
        client_cpu = resource.getrusage(resource.RUSAGE_SELF)
        served = sum(c.requests for c in clients)
        print(f"cpu seconds over the run: service process {server_cpu:.1f} "
              f"({1000 * server_cpu / max(1, served):.1f} ms per request, {served} requests "
              f"with the drain), this process (clients, baselines) "
              f"{client_cpu.ru_utime + client_cpu.ru_stime:.1f}")
        failed = any(c.errors or check(c.seen, final) != (0, 0) for c in clients)
        return 1 if failed else 0


def report(args: argparse.Namespace, clients: list[Client], final: dict[str, str],
           written: dict, elapsed: float, direct: list[float],
           offset_seen: list[tuple[str, str]], window_start: float) -> None:
    latencies = [x for c in clients for _, x in c.latencies]
    # After the start burst: in the first seconds every client fetches the whole backlog
    # at once (200 clients x 3 pages of 250 KB), a queue that sets the overall p99.
    steady = [x for c in clients for sent, x in c.latencies
              if sent - window_start >= STEADY_AFTER]
    requests = len(latencies)  # during the timed window (the final drain is not counted)
    errors = sum(len(c.errors) for c in clients)
    checks = [check(c.seen, final) for c in clients]
    missed = sum(m for m, _ in checks)
    repeated = sum(r for _, r in checks)
    delivered = sum(len(c.seen) for c in clients)
    offset_missed, offset_repeated = check(offset_seen, final)
    print(f"feed load: {args.clients} clients x {args.seconds:g} s, writer "
          f"{written.get('inserts', 0)} inserts + {written.get('updates', 0)} updates "
          f"({args.write_rate:g}/s), backlog {args.backlog}, page {args.limit}, "
          f"{len(final)} records at the end; cpu cores: {os.cpu_count()}, load average "
          f"{os.getloadavg()[0]:.1f} (a shared machine: other work competes for the cores)")
    print()
    print(f"{'reader':44} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'errors':>7} {'missed':>7} {'repeated':>8}")
    print(f"{'Thresher /v1/records over HTTP (all clients)':44} {requests:>9} "
          f"{requests / args.seconds:>7.0f} {1000 * statistics.median(latencies):>8.1f} "
          f"{1000 * percentile(latencies, 0.99):>8.1f} {1000 * max(latencies):>8.1f} "
          f"{errors:>7} {missed:>7} {repeated:>8}")
    if steady:  # (none in runs shorter than STEADY_AFTER)
        print(f"{f'  the same after the first {STEADY_AFTER:g} s':44} {len(steady):>9} "
              f"{len(steady) / max(1e-9, args.seconds - STEADY_AFTER):>7.0f} "
              f"{1000 * statistics.median(steady):>8.1f} "
              f"{1000 * percentile(steady, 0.99):>8.1f} {1000 * max(steady):>8.1f}")
    print(f"{'baseline: same query on SQLite, 4 threads':44} {len(direct):>9} "
          f"{len(direct) / args.seconds:>7.0f} {1000 * statistics.median(direct):>8.2f} "
          f"{1000 * percentile(direct, 0.99):>8.2f} {1000 * max(direct):>8.2f} "
          f"{'-':>7} {'-':>7} {'-':>8}")
    print(f"{'baseline: naive rowid LIMIT/OFFSET poller':44} {'-':>9} {'-':>7} {'-':>8} "
          f"{'-':>8} {'-':>8} {'-':>7} {offset_missed:>7} {offset_repeated:>8}")
    print()
    print(f"records delivered to clients: {delivered} ({delivered / max(1, args.clients):.0f} "
          f"per client, run and drain took {elapsed:.0f} s); HTTP p50/p99 are "
          f"{statistics.median(latencies) / statistics.median(direct):.0f}x / "
          f"{percentile(latencies, 0.99) / max(1e-9, percentile(direct, 0.99)):.0f}x the "
          f"SQLite floor")
    verdict = "PASS" if errors == 0 and missed == 0 and repeated == 0 else "FAIL"
    print(f"{verdict}: errors {errors}, missed {missed}, repeated {repeated} across "
          f"{args.clients} clients")


if __name__ == "__main__":
    sys.exit(main())
