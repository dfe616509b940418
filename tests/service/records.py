"""Write records into a real SQLite store (the crawl's own sink) for feed and API tests."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

from crawler.context import RunPlan
from crawler.sinks.sqlite import SqliteSink
from crawler.sources import adhoc_source


def make_record(number: int, version: int = 1, source: str = "alpha",
                **fields: Any) -> dict[str, Any]:
    text = f"Story {number}, version {version}. " + "word " * (20 + number % 7)
    url = f"https://example.test/{source}/{number}"
    record = {
        "schema_version": 1,
        "id": hashlib.blake2b(url.encode(), digest_size=16).hexdigest(),
        "url": url,
        "source": source,
        "title": f"Story {number}",
        "text": text,
        "word_count": len(text.split()),
        "content_hash": hashlib.sha256(text.encode()).hexdigest(),
        "fetched_at": "2026-01-05T10:00:00Z",
        "duplicate_of": None,
        "extraction": {"removed": [], "clutter_lint": []},
    }
    record.update(fields)
    return record


def open_sink(output: Path, source: str = "alpha", run_id: str = "20260105T100000Z") -> SqliteSink:
    plan = RunPlan(replace(adhoc_source(["https://example.test/"]), name=source), run_id, output)
    sink = SqliteSink(plan)
    sink.open()
    return sink


def churn(output: Path, count: int, seed: int = 7, source: str = "alpha") -> dict[str, str]:
    """Insert ``count`` records, updating earlier ones and re-writing unchanged ones between.

    Returns the final content hash per record id (what a reader must end up with).
    """
    rng = random.Random(seed)
    sink = open_sink(output, source)
    versions: dict[int, int] = {}
    final: dict[str, str] = {}
    try:
        for number in range(count):
            versions[number] = 1
            record = make_record(number, 1, source)
            sink.write(record)
            final[record["id"]] = record["content_hash"]
            if number and rng.random() < 0.4:  # a changed page: a new version
                old = rng.randrange(number)
                versions[old] += 1
                changed = make_record(old, versions[old], source)
                sink.write(changed)
                final[changed["id"]] = changed["content_hash"]
            if number and rng.random() < 0.2:  # a page seen again unchanged: no new version
                same = rng.randrange(number)
                sink.write(make_record(same, versions[same], source))
    finally:
        sink.close(True)
    return final


def churn_in_process(output: str, count: int, seed: int) -> None:
    """Entry point for a writer process (multiprocessing 'spawn')."""
    churn(Path(output), count, seed)
