"""Near-duplicate index cost: Thresher's persistent LSH index beside datasketch's MinHashLSH.

200,000 synthetic records (word-id "texts" from a Zipf vocabulary, 80-400 words; one in ten
an edited copy of an earlier record) are shingled and MinHashed once, the same way for both
(``signature`` below). Then, in one child process per index so peak memory is each index's
own, every record is queried and inserted in turn, as a crawl does:

  * Thresher: ``NearDupIndex.add_signed`` on an SQLite state file: band-key lookup, candidate
    verification against stored signatures, group and original bookkeeping, insert;
  * baseline: ``datasketch.MinHashLSH`` in memory, same num_perm and bands/rows:
    ``query`` then ``insert`` (candidates unverified, no groups).

Reported per record: median and mean microseconds for query, insert and both; peak RSS of
the child and its growth over the child's starting RSS; the share of planted copies found.

    python -m benchmarks.dedup [--records 200000] [--commit-every 1] [--keep DIR]

``--keep DIR`` keeps the signatures (and reuses them on the next run with the same count and
seed) and Thresher's state file.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from crawler.dedup import DedupOptions, MinHasher, NearDupIndex
from crawler.dedup.shingles import WORD_SHINGLE, combine_units
from crawler.state import SQLiteStateStore
from extractors import Article

VOCABULARY = 50_000
COPY_SHARE = 0.1
CHUNK = 2_000


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def make_signatures(count: int, folder: Path, seed: int) -> dict:
    """Write ``signatures.bin`` (uint32, count x num_perm) and ``meta.json`` into ``folder``."""
    rng = np.random.default_rng(seed)
    hasher = MinHasher(DedupOptions().params)
    texts: list[np.ndarray] = []
    sources = np.full(count, -1, dtype=np.int64)  # the record a planted copy copies
    sizes = np.zeros(count, dtype=np.int64)
    start = time.perf_counter()
    with open(folder / "signatures.bin", "wb") as out:
        for index in range(count):
            if index > 100 and rng.random() < COPY_SHARE:
                source = int(rng.integers(0, min(index, len(texts))))
                words = _edited(rng, texts[source])
                sources[index] = source
            else:
                words = _story(rng)
            if len(texts) < 50_000:  # copies copy one of the first 50,000: bounded memory
                texts.append(words)
            shingles = np.unique(combine_units(words.astype(np.uint64) * np.uint64(2654435761),
                                               WORD_SHINGLE))
            sizes[index] = len(shingles)
            out.write(hasher.signature(shingles).astype("<u4").tobytes())
    seconds = time.perf_counter() - start
    meta = {"count": count, "seed": seed, "num_perm": hasher.params.num_perm,
            "bands": hasher.params.bands, "sizes": sizes.tolist(), "sources": sources.tolist(),
            "signature_us": seconds / count * 1e6}
    (folder / "meta.json").write_text(json.dumps(meta), "utf-8")
    return meta


def _story(rng: np.random.Generator) -> np.ndarray:
    return (rng.zipf(1.1, int(rng.integers(80, 400))) % VOCABULARY).astype(np.uint32)


def _edited(rng: np.random.Generator, words: np.ndarray) -> np.ndarray:
    """A copy: a prefix of a few words, one stretch (up to a tenth) dropped."""
    cut = int(rng.integers(0, max(1, len(words) // 10)))
    at = int(rng.integers(0, max(1, len(words) - cut)))
    prefix = (rng.zipf(1.1, 5) % VOCABULARY).astype(np.uint32)
    return np.concatenate([prefix, words[:at], words[at + cut:]])


def _chunks(folder: Path, meta: dict):
    width = meta["num_perm"]
    with open(folder / "signatures.bin", "rb") as source:
        for first in range(0, meta["count"], CHUNK):
            rows = min(CHUNK, meta["count"] - first)
            block = np.fromfile(source, dtype="<u4", count=rows * width).reshape(rows, width)
            yield first, block


def run_thresher(folder: Path, meta: dict, commit_every: int) -> dict:
    start_rss = _rss_kb()
    path = folder / "thresher-state.sqlite"
    path.unlink(missing_ok=True)
    query_ns = np.zeros(meta["count"], dtype=np.int64)
    cpu_ns = np.zeros(meta["count"], dtype=np.int64)
    found = np.zeros(meta["count"], dtype=bool)
    store = SQLiteStateStore.open(path)
    index = NearDupIndex(store.dedup)
    sizes = meta["sizes"]
    for first, block in _chunks(folder, meta):
        for offset, signature in enumerate(block):
            number = first + offset
            record = Article(id=f"r{number}", url=f"https://s{number % 97}.example/{number}",
                             canonical_url=None, title=None, text="", markdown="",
                             word_count=0, content_hash=f"h{number}")
            began, began_cpu = time.perf_counter_ns(), time.thread_time_ns()
            assignment = index.add_signed(record, signature, sizes[number])
            if number % commit_every == 0:
                store.commit()
            query_ns[number] = time.perf_counter_ns() - began
            cpu_ns[number] = time.thread_time_ns() - began_cpu
            found[number] = assignment.matched is not None
    store.close()
    return _result("Thresher persistent (SQLite)", query_ns, None, cpu_ns, found, meta,
                   start_rss, extra={"db_mb": path.stat().st_size / 1e6})


def run_datasketch(folder: Path, meta: dict) -> dict:
    from datasketch import LeanMinHash, MinHashLSH

    start_rss = _rss_kb()
    params = DedupOptions().params
    lsh = MinHashLSH(num_perm=params.num_perm, params=(params.bands, params.rows))
    query_ns = np.zeros(meta["count"], dtype=np.int64)
    insert_ns = np.zeros(meta["count"], dtype=np.int64)
    cpu_ns = np.zeros(meta["count"], dtype=np.int64)
    found = np.zeros(meta["count"], dtype=bool)
    for first, block in _chunks(folder, meta):
        for offset, signature in enumerate(block):
            number = first + offset
            began, began_cpu = time.perf_counter_ns(), time.thread_time_ns()
            sketch = LeanMinHash(seed=params.seed, hashvalues=signature, scheme="affine32")
            candidates = lsh.query(sketch)
            middle = time.perf_counter_ns()
            lsh.insert(f"r{number}", sketch, check_duplication=False)
            insert_ns[number] = time.perf_counter_ns() - middle
            query_ns[number] = middle - began
            cpu_ns[number] = time.thread_time_ns() - began_cpu
            found[number] = bool(candidates)
    return _result("datasketch MinHashLSH (memory)", query_ns, insert_ns, cpu_ns, found, meta,
                   start_rss)


def _result(name: str, query_ns: np.ndarray, insert_ns: np.ndarray | None, cpu_ns: np.ndarray,
            found: np.ndarray, meta: dict, start_rss: int, extra: dict | None = None) -> dict:
    total = query_ns + (insert_ns if insert_ns is not None else 0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    planted = np.array(meta["sources"]) >= 0
    return {
        "name": name,
        "both_median_us": float(np.median(total)) / 1e3,
        "both_mean_us": float(total.mean()) / 1e3,
        "both_p99_us": float(np.percentile(total, 99)) / 1e3,
        "cpu_median_us": float(np.median(cpu_ns)) / 1e3,
        "cpu_mean_us": float(cpu_ns.mean()) / 1e3,
        "query_median_us": float(np.median(query_ns)) / 1e3 if insert_ns is not None else None,
        "insert_median_us": (float(np.median(insert_ns)) / 1e3
                             if insert_ns is not None else None),
        "peak_rss_mb": peak / 1024,
        "rss_growth_mb": (peak - start_rss) / 1024,
        "copies_found": float(found[planted].mean()) if planted.any() else 1.0,
        "originals_matched": float(found[~planted].mean()),
        **(extra or {}),
    }


def _reusable(folder: Path, count: int, seed: int) -> dict | None:
    """Signatures a previous run left in ``--keep DIR`` (same count and seed), if any."""
    try:
        meta = json.loads((folder / "meta.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return meta if meta.get("count") == count and meta.get("seed") == seed else None


def _child(which: str, folder: Path, commit_every: int) -> dict:
    command = [sys.executable, "-m", "benchmarks.dedup", "--child", which, "--data",
               str(folder), "--commit-every", str(commit_every)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--commit-every", type=int, default=1,
                        help="Thresher commits the state store every N records (crawl: 1)")
    parser.add_argument("--keep", type=Path, help="keep the data and state file here")
    parser.add_argument("--child", choices=("thresher", "datasketch"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        meta = json.loads((args.data / "meta.json").read_text("utf-8"))
        result = (run_thresher(args.data, meta, args.commit_every) if args.child == "thresher"
                  else run_datasketch(args.data, meta))
        print(json.dumps(result))
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        meta = _reusable(folder, args.records, args.seed) or make_signatures(
            args.records, folder, args.seed)
        print(f"{args.records} records, num_perm {meta['num_perm']}, {meta['bands']} bands; "
              f"shingles + MinHash (both): {meta['signature_us']:.0f} us/record")
        results = [_child("thresher", folder, args.commit_every),
                   _child("datasketch", folder, args.commit_every)]
    _print(results, args.commit_every)
    return 0


def _print(results: list[dict], commit_every: int) -> None:
    print("per record, query + insert, microseconds (wall: median/mean/p99; CPU: median/mean)")
    print(f"{'index':<32} {'wall med':>8} {'mean':>7} {'p99':>8} {'CPU med':>8} {'mean':>7} "
          f"{'peak RSS MB':>11} {'growth MB':>9} {'copies found':>12} {'others matched':>14}")
    for r in results:
        print(f"{r['name']:<32} {r['both_median_us']:>8.1f} {r['both_mean_us']:>7.1f} "
              f"{r['both_p99_us']:>8.1f} {r['cpu_median_us']:>8.1f} {r['cpu_mean_us']:>7.1f} "
              f"{r['peak_rss_mb']:>11.0f} {r['rss_growth_mb']:>9.0f} "
              f"{r['copies_found']:>12.3f} {r['originals_matched']:>14.4f}")
    thresher, baseline = results
    print(f"ratio Thresher/datasketch: CPU (median) "
          f"{thresher['cpu_median_us'] / baseline['cpu_median_us']:.1f}x, wall (median) "
          f"{thresher['both_median_us'] / baseline['both_median_us']:.1f}x, RSS growth "
          f"{thresher['rss_growth_mb'] / max(baseline['rss_growth_mb'], 1e-9):.2f}x; "
          f"datasketch query {baseline['query_median_us']:.1f} us + insert "
          f"{baseline['insert_median_us']:.1f} us (median)")
    print(f"Thresher state file {thresher['db_mb']:.0f} MB on disk, commit every "
          f"{commit_every} record(s); it verifies candidates and keeps groups, the baseline "
          f"does neither")


if __name__ == "__main__":
    sys.exit(main())
