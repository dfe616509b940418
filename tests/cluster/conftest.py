"""Real Redis and PostgreSQL for the cluster tests, one key prefix and one schema per test.

The services are this machine's (``scripts/services.sh`` starts them; ``.ci/run`` calls it).
When one is down: with ``CI=true`` the test FAILS (a CI run that skipped these would prove
nothing); locally it is skipped with the reason. Override the addresses with
``THRESHER_TEST_REDIS`` / ``THRESHER_TEST_PG``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
import redis

from crawler.cluster.config import ClusterConfig
from crawler.cluster.pg import PgTarget, drop_schema

REDIS_URL = os.environ.get("THRESHER_TEST_REDIS", "redis://127.0.0.1:6379/0")
PG_DSN = os.environ.get("THRESHER_TEST_PG", "host=127.0.0.1 port=5432 dbname=test")


def _unavailable(service: str, reason: str) -> None:
    message = f"{service} is not reachable ({reason}); start it with `bash scripts/services.sh`"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI: {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def redis_url() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        _unavailable(f"Redis at {REDIS_URL}", str(exc))
    return REDIS_URL


@pytest.fixture(scope="session")
def pg_dsn() -> str:
    try:
        with psycopg.connect(PG_DSN, connect_timeout=3) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as exc:
        _unavailable(f"PostgreSQL at {PG_DSN}", str(exc).strip())
    return PG_DSN


@pytest.fixture
def unique() -> str:
    """A name no other test run uses (key prefix, schema)."""
    return f"t{uuid.uuid4().hex[:12]}"


@pytest.fixture
def pg_target(pg_dsn: str, unique: str) -> Iterator[PgTarget]:
    target = PgTarget(pg_dsn, unique)
    yield target
    drop_schema(target)


@pytest.fixture
def cluster_config(redis_url: str, unique: str) -> Iterator[ClusterConfig]:
    config = ClusterConfig(redis_url=redis_url, source="site", prefix=unique, worker="w1")
    yield config
    config.frontier().clear()
