"""The heartbeat outlives a busy reactor, and stops for a hung one."""

from __future__ import annotations

import time
from dataclasses import replace

from crawler.cluster.config import ClusterConfig
from crawler.cluster.heartbeat import HeartbeatThread


def busy(seconds: float) -> None:
    """Hold the CPU (and the GIL between switches), as inline extraction does."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sum(range(1000))


def test_a_busy_worker_stays_alive_and_a_stuck_one_does_not(
        cluster_config: ClusterConfig) -> None:
    config = replace(cluster_config, heartbeat_ttl=0.5)
    worker = config.frontier("busy")
    observer = config.frontier("observer")
    beat = HeartbeatThread(worker, interval=0.1, stall_limit=1.5)
    beat.start()
    try:
        busy(1.2)  # the "reactor" never reports in: longer than the TTL, shorter than the limit
        assert observer.live_workers() == ["busy"]
        beat.reactor_alive()
        busy(0.5)
        assert observer.live_workers() == ["busy"]
        time.sleep(2.5)  # silent past the stall limit: the beats stop, the key expires
        assert observer.live_workers() == []
    finally:
        beat.stop()
