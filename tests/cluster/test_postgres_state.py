"""The PostgreSQL state store under several workers: no lost updates, one group per story."""

from __future__ import annotations

import threading

from crawler.cluster.pg import PgTarget
from crawler.dedup import NearDupIndex
from crawler.state import LineStats, PageState, SiteLines, Validators
from crawler.state.postgres import PostgresStateStore

from .records import STORY, article


def line(key: str, pages: int, interior: int = 0) -> LineStats:
    return LineStats(key, key.title(), pages, interior, 3, 1)


def test_pages_round_trip_and_each_worker_keeps_its_own_stash(pg_target: PgTarget) -> None:
    with PostgresStateStore.open(pg_target, "w1") as one, \
            PostgresStateStore.open(pg_target, "w2") as two:
        state = PageState("https://a.example/1", "r1", 2, "c", "e", "k", "2024-01-01T00:00:00Z",
                          Validators('"tag"', None))
        one.pages.put(state)
        one.pages.stash_validators("https://a.example/2", Validators("x", None))
        two.pages.stash_validators("https://a.example/2", Validators("y", None))
        one.commit()
        two.commit()
        assert two.pages.get(state.url) == state
        two.pages.drop_pending()  # worker 2 ends: worker 1's stash must survive
        two.commit()
        assert one.pages.take_validators("https://a.example/2") == Validators("x", None)
        assert one.pages.take_validators("https://a.example/2") == Validators()


def test_two_workers_template_counts_add_up(pg_target: PgTarget) -> None:
    site = "news.example"
    with PostgresStateStore.open(pg_target) as one, PostgresStateStore.open(pg_target) as two:
        assert one.templates.load(site) == two.templates.load(site) == SiteLines(site, 0)
        one.templates.save(SiteLines(site, 5, (line("share this", 5),)))
        one.commit()
        two.templates.save(SiteLines(site, 3, (line("share this", 3), line("back to top", 1))))
        two.commit()
        # worker one goes on from its own view: 2 more pages, the line on both
        one.templates.save(SiteLines(site, 7, (line("share this", 7),)))
        one.commit()
    with PostgresStateStore.open(pg_target) as reader:
        merged = reader.templates.load(site)
    assert merged.pages == 10  # 7 + 3: a plain replace would have kept 7 (or 3)
    assert {s.key: s.pages for s in merged.lines} == {"share this": 10, "back to top": 1}


def test_pruned_lines_take_back_only_their_own_counts(pg_target: PgTarget) -> None:
    site = "news.example"
    with PostgresStateStore.open(pg_target) as one, PostgresStateStore.open(pg_target) as two:
        one.templates.load(site)
        one.templates.save(SiteLines(site, 1, (line("rare", 1),)))
        one.commit()
        two.templates.load(site)  # sees "rare" once
        two.templates.save(SiteLines(site, 2, (line("rare", 2),)))
        two.commit()
        one.templates.save(SiteLines(site, 2, ()))  # worker one pruned it
        one.commit()
        assert {s.key: s.pages for s in two.templates.load(site).lines} == {"rare": 1}


def test_copies_added_at_once_by_two_workers_form_one_group(pg_target: PgTarget) -> None:
    copies = 8
    barrier = threading.Barrier(2)
    assignments: list[str] = []

    def worker(name: str) -> None:
        with PostgresStateStore.open(pg_target, name) as store:
            index = NearDupIndex(store.dedup)
            barrier.wait()
            for n in range(copies):
                edited = [f"({name} {n})", *STORY]
                assignments.append(index.add(article(f"https://{name}.example/{n}", edited,
                                                     published="2024-05-01")).group_id)
                store.commit()

    threads = [threading.Thread(target=worker, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(assignments) == 2 * copies
    assert len(set(assignments)) == 1, "two workers founded separate groups for one story"
    with PostgresStateStore.open(pg_target) as store:
        assert store.dedup.count() == 2 * copies
