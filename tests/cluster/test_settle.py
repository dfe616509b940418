"""Settling: the same groups, originals and group ids whatever order the records came in."""

from __future__ import annotations

import random

from crawler.cluster.pg import PgTarget, drop_schema
from crawler.cluster.settle import settle
from crawler.dedup import NearDupIndex
from crawler.sinks.postgres import PostgresSink
from crawler.state.postgres import PostgresStateStore

from .records import STORY, article

OTHER = ["A different story about a library that extends its opening hours into the night "
         "so that students can study for their exams in the quiet reading rooms."] * 3


def corpus() -> list:
    same_day = "2024-05-01T08:00:00+00:00"
    records = [article(f"https://copy{n}.example/story", [f"Copy {n}.", *STORY],
                       published=same_day) for n in range(6)]  # ties: no credit, same date
    records.append(article("https://later.example/story", ["Later.", *STORY],
                           published="2024-05-03T08:00:00+00:00"))
    records += [article(f"https://other{n}.example/x", [f"Other {n}.", *OTHER])
                for n in range(3)]
    return records


def crawl_in_order(target: PgTarget, order: list) -> dict[str, tuple[str, str | None]]:
    sink = PostgresSink(target, "run", "test", "w")
    sink.open()
    with PostgresStateStore.open(target) as store:
        index = NearDupIndex(store.dedup)
        for record in order:
            assignment = index.add(record)
            store.commit()
            sink.write({**record.to_dict(), "group_id": assignment.group_id,
                        "duplicate_of": assignment.duplicate_of, "source": "test"})
    sink.close(True)
    first = settle(target)
    again = settle(target)
    assert (again.renamed, again.records_rewritten) == (0, 0), "settling twice changed more"
    assert first.groups == 2
    with target.connect(autocommit=True) as db:
        return {r[0]: (r[1], r[2]) for r in db.execute(
            "SELECT id, json->>'group_id', json->>'duplicate_of' FROM records")}


def test_group_ids_and_originals_do_not_depend_on_arrival_order(pg_dsn: str,
                                                                unique: str) -> None:
    records = corpus()
    results = []
    for attempt in range(3):
        order = records[:]
        random.Random(attempt).shuffle(order)
        target = PgTarget(pg_dsn, f"{unique}_{attempt}")
        try:
            results.append(crawl_in_order(target, order))
        finally:
            drop_schema(target)
    assert results[0] == results[1] == results[2]
    story = [r for r in records if "copy" in r.url or "later" in r.url]
    groups = {results[0][r.id][0] for r in story}
    originals = {results[0][r.id][1] for r in story} - {None}
    assert len(groups) == 1 and len(originals) == 1
    # the earliest published members tie: the smallest record id is the original
    assert originals == {min(r.id for r in story if "copy" in r.url)} == groups
