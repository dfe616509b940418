"""The settings switch: what turns a Thresher crawl into a cluster worker's crawl.

scrapy-redis's scheduler (with the reliable queue and Thresher's fingerprints) and its
shared seen-set; persistence on (the frontier outlives any one worker); JSON instead of
pickle on the queue; the worker extension (heartbeat, recovery, idle close); the PostgreSQL
state store and sink. Layered over ``crawler.settings`` by :func:`crawler.run.base_settings`.
"""

from __future__ import annotations

from typing import Any

from .config import SETTING, ClusterConfig

WORKER_EXTENSION = "crawler.cluster.idle.ClusterWorkerExtension"
STATE_EXTENSION = "crawler.cluster.shared_state.PostgresStateExtension"
POSTGRES_SINK = "crawler.sinks.postgres.PostgresSink"


def cluster_settings(config: ClusterConfig) -> dict[str, Any]:
    settings: dict[str, Any] = {
        SETTING: config,
        "REDIS_URL": config.redis_url,
        "SCHEDULER": "crawler.cluster.scheduler.ClusterScheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.cluster.queue.ReliablePriorityQueue",
        "SCHEDULER_QUEUE_KEY": config.keys.queue,
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_SERIALIZER": "crawler.cluster.serializer",
        "DUPEFILTER_CLASS": "crawler.cluster.dupefilter.ClusterDupeFilter",
        "SCHEDULER_DUPEFILTER_KEY": config.keys.seen,
        "EXTENSIONS": {STATE_EXTENSION: 50, WORKER_EXTENSION: 100},
    }
    if config.pg is not None:
        settings["THRESHER_SINKS"] = [POSTGRES_SINK]
    return settings
