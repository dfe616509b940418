"""The PostgreSQL schema is created and migrated by the project, once, in order."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from crawler.cluster.pg import PgError, PgTarget, migrate, migrations, schema_version


def test_migrations_apply_once_in_order(pg_target: PgTarget) -> None:
    known = [m.version for m in migrations()]
    assert known == sorted(known) and known[0] == 1
    assert migrate(pg_target) == known
    assert migrate(pg_target) == []
    assert schema_version(pg_target) == known[-1]
    with pg_target.connect(autocommit=True) as db:
        tables = {r[0] for r in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (pg_target.schema,))}
    assert {"records", "runs", "pages", "dedup_docs", "template_lines",
            "schema_version"} <= tables


def test_workers_starting_together_migrate_once(pg_target: PgTarget) -> None:
    with ThreadPoolExecutor(4) as pool:
        applied = list(pool.map(lambda _: migrate(pg_target), range(4)))
    assert sorted(map(len, applied)) == [0, 0, 0, len(migrations())]


def test_a_newer_schema_is_refused(pg_target: PgTarget) -> None:
    migrate(pg_target)
    with pg_target.connect(autocommit=True) as db:
        db.execute("INSERT INTO schema_version (version, name) VALUES (999, 'future')")
    with pytest.raises(PgError, match="schema version 999 is newer"):
        migrate(pg_target)


def test_bad_schema_names_and_servers_are_named() -> None:
    with pytest.raises(PgError, match="not a plain lower-case identifier"):
        PgTarget("dbname=test", "Robert'); DROP")
    with pytest.raises(PgError, match="cannot connect"):
        PgTarget("host=127.0.0.1 port=1 dbname=test connect_timeout=2", "x").connect()
