"""The Redis frontier: reliable pops, acks, recovery of a dead worker's requests, quiet."""

from __future__ import annotations

import time
from dataclasses import replace

from crawler.cluster.config import ClusterConfig


def test_a_pop_files_the_request_in_flight_until_acked(cluster_config: ClusterConfig) -> None:
    frontier = cluster_config.frontier("w1")
    frontier.push(b"low", priority=0)
    frontier.push(b"high", priority=5)
    popped = frontier.pop()
    assert popped is not None and popped.data == b"high"  # priority first, as scrapy-redis
    state = frontier.state()
    assert (state.queued, state.in_flight, state.quiet) == (1, 1, False)
    frontier.ack(popped.token)
    assert frontier.state().in_flight == 0
    second = frontier.pop()
    assert second is not None and second.data == b"low" and second.token != popped.token
    frontier.ack(second.token)
    assert frontier.pop() is None
    assert frontier.state().quiet


def test_a_dead_workers_requests_go_back_on_the_queue(cluster_config: ClusterConfig) -> None:
    dead = replace(cluster_config, heartbeat_ttl=0.2).frontier("dead")
    alive = cluster_config.frontier("alive")
    for n in range(5):
        dead.push(f"request {n}".encode(), priority=n)
    dead.heartbeat()
    taken = [dead.pop() for _ in range(3)]
    assert alive.recover() == 0  # its heartbeat is still fresh: nothing to take
    time.sleep(0.4)
    assert alive.recover() == 3
    state = alive.state()
    assert (state.queued, state.in_flight) == (5, 0)
    requeued = {alive.pop().data for _ in range(5)}  # type: ignore[union-attr]
    assert {t.data for t in taken if t} <= requeued
    assert "dead" not in alive.workers()


def test_a_clean_stop_releases_what_the_worker_had_taken(cluster_config: ClusterConfig) -> None:
    frontier = cluster_config.frontier("w1")
    frontier.push(b"a")
    frontier.heartbeat()
    assert frontier.pop() is not None
    assert frontier.release() == 1
    assert frontier.state().queued == 1 and frontier.live_workers() == []


def test_seen_set_and_new_run(cluster_config: ClusterConfig) -> None:
    frontier = cluster_config.frontier("w1")
    assert frontier.mark_seen("abc") and not frontier.mark_seen("abc")
    frontier.push(b"x")
    frontier.start_run("run-2")
    state = frontier.state()
    assert (state.queued, state.seen, frontier.run_id()) == (0, 0, "run-2")
    assert frontier.mark_seen("abc")
