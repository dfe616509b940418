"""The PostgreSQL sink: idempotent upserts, revisions, and a feed order many writers keep."""

from __future__ import annotations

import threading
from typing import Any

import psycopg

from crawler.cluster.pg import PgTarget
from crawler.sinks.postgres import PostgresSink

from .records import record


def sink(target: PgTarget, worker: str = "w1") -> PostgresSink:
    opened = PostgresSink(target, "run-1", "test", worker)
    opened.open()
    return opened


def rows(target: PgTarget) -> dict[str, tuple[int, int, dict[str, Any]]]:
    with target.connect(autocommit=True) as db:
        return {r[0]: (r[1], r[2], r[3]) for r in
                db.execute("SELECT id, revision, seq, json FROM records")}


def test_same_content_is_a_no_op_and_new_content_a_revision(pg_target: PgTarget) -> None:
    writer = sink(pg_target)
    assert writer.write(record("a", "one"))
    assert not writer.write(record("a", "one"))  # a retried page: nothing changes
    first = rows(pg_target)["a"]
    assert writer.write(record("a", "two"))
    second = rows(pg_target)["a"]
    assert (first[0], second[0]) == (1, 2)
    assert second[1] > first[1]  # a change is news for the feed
    assert writer.write(record("a", "three", revision=7))  # changed-only gave the revision
    assert rows(pg_target)["a"][0] == 7
    writer.close(True)
    with pg_target.connect(autocommit=True) as db:
        assert db.execute("SELECT records_written, status FROM runs").fetchone() == \
            (3, "finished")


def test_many_writers_lose_no_update_and_the_feed_misses_nothing(pg_target: PgTarget) -> None:
    writers, ids, rounds = 4, 10, 12
    sinks = [sink(pg_target, f"w{n}") for n in range(writers)]
    seen: dict[tuple[str, int], bool] = {}
    done = threading.Event()

    def poll() -> None:
        cursor = 0
        with pg_target.connect(autocommit=True) as db:
            while True:
                finished = done.is_set()
                for record_id, seq in db.execute(
                        "SELECT id, seq FROM records WHERE seq > %s ORDER BY seq", (cursor,)):
                    seen[(record_id, seq)] = True
                    cursor = seq
                if finished:
                    return

    def write(n: int) -> None:
        for r in range(rounds):
            for i in range(ids):
                sinks[n].write(record(f"id{i}", f"writer {n} round {r}"))

    poller = threading.Thread(target=poll)
    poller.start()
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    poller.join()
    final = rows(pg_target)
    assert len(final) == ids
    # every write had new content: each one is a revision, none lost
    assert {revision for revision, _, _ in final.values()} == {writers * rounds}
    missed = [(i, seq) for i, (_, seq, _) in final.items() if (i, seq) not in seen]
    assert missed == [], "the feed poller skipped rows committed behind its cursor"
    for writer in sinks:
        writer.close(True)


def test_a_worker_without_a_database_gets_a_clear_error() -> None:
    target = PgTarget("host=127.0.0.1 port=1 dbname=test connect_timeout=2", "x")
    try:
        sink(target)
    except Exception as exc:  # PgError: names the target and the reason
        assert "port=1" in str(exc) and "cannot connect" in str(exc)
    else:
        raise AssertionError("no error")


def test_records_are_jsonb(pg_target: PgTarget) -> None:
    sink(pg_target).write(record("b", "body", title="Tïtle 中文"))
    with psycopg.connect(pg_target.dsn) as db:
        title = db.execute(f'SELECT json->>\'title\' FROM "{pg_target.schema}".records').fetchone()
    assert title == ("Tïtle 中文",)
