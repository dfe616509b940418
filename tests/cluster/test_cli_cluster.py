"""`thresher cluster`: seeding, refusals with their reasons, status, migrate."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from crawler.cluster.config import ClusterConfig
from crawler.cluster.pg import PgTarget, migrations
from crawler.cluster.serializer import loads

from .cluster_run import REPO, SOURCE, write_sources


def thresher(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler.cli", "cluster", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)


def test_seed_queues_the_entry_points_once_and_refuses_while_workers_live(
        tmp_path: Path, cluster_config: ClusterConfig) -> None:
    config = ClusterConfig(cluster_config.redis_url, SOURCE, prefix=cluster_config.prefix)
    try:
        sources = write_sources(tmp_path, "http://127.0.0.1:9")
        redis_args = ("--redis", config.redis_url, "--prefix", config.prefix)
        result = thresher("seed", SOURCE, "--sources", str(sources), *redis_args)
        assert result.returncode == 0, result.stderr
        frontier = config.frontier("test")
        state = frontier.state()
        assert (state.queued, state.seen, state.in_flight) == (1, 1, 0)
        request = loads(frontier.server.zrange(config.keys.queue, 0, 0)[0])
        assert request["url"] == "http://127.0.0.1:9/" and request["callback"] == "parse_page"
        status = thresher("status", SOURCE, *redis_args)
        assert "1 queued, 0 in flight, 1 seen" in status.stdout

        # a worker of this run is alive (a TTL far longer than a slow CLI start-up)
        replace(config, heartbeat_ttl=600).frontier("w1").heartbeat()
        refused = thresher("seed", SOURCE, "--sources", str(sources), *redis_args)
        assert refused.returncode == 1 and "still running" in refused.stderr
        forced = thresher("seed", SOURCE, "--sources", str(sources), *redis_args, "--force")
        assert forced.returncode == 0 and config.frontier("t").state().queued == 1
    finally:
        config.frontier("t").clear()


def test_a_worker_without_a_seeded_run_says_so(tmp_path: Path, cluster_config: ClusterConfig,
                                               pg_target: PgTarget) -> None:
    sources = write_sources(tmp_path, "http://127.0.0.1:9")
    result = thresher("worker", SOURCE, "--sources", str(sources), "--redis",
                      cluster_config.redis_url, "--prefix", cluster_config.prefix, "--pg",
                      pg_target.dsn, "--pg-schema", pg_target.schema)
    assert result.returncode == 1
    assert "no cluster run" in result.stderr and "cluster seed" in result.stderr


def test_bad_names_are_refused_before_anything_runs(tmp_path: Path) -> None:
    sources = write_sources(tmp_path, "http://127.0.0.1:9")
    result = thresher("seed", SOURCE, "--sources", str(sources), "--redis",
                      "redis://127.0.0.1:6379/0", "--prefix", "a b")
    assert result.returncode == 2 and "--prefix" in result.stderr
    unknown = thresher("seed", "nope", "--sources", str(sources), "--redis",
                       "redis://127.0.0.1:6379/0")
    assert unknown.returncode == 2 and "'nope'" in unknown.stderr
    schema = thresher("migrate", "--pg", "dbname=test", "--pg-schema", "Bad-Name")
    assert schema.returncode == 1 and "Bad-Name" in schema.stderr


def test_migrate_reports_the_schema_version(pg_target: PgTarget) -> None:
    result = thresher("migrate", "--pg", pg_target.dsn, "--pg-schema", pg_target.schema)
    assert result.returncode == 0, result.stderr
    versions = [m.version for m in migrations()]
    assert f"schema version {versions[-1]} " in result.stdout
    assert f"applied now: {', '.join(map(str, versions))})" in result.stdout
