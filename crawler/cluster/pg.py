"""PostgreSQL: where a cluster's records and state live, and the schema the project migrates.

A :class:`PgTarget` is a DSN plus a schema name. Every connection sets ``search_path`` to the
schema, so the same database can hold several independent Thresher stores (tests use one
schema per run). :func:`migrate` creates the schema and applies the SQL files of
``crawler/cluster/migrations/`` in order (``0001_records.sql``, ``0002_state.sql``, ...),
each in its own transaction that also records it in ``schema_version``. Workers that start
at the same moment all call it: a transaction-level advisory lock makes one of them apply
the files and the others find them applied.

Advisory lock keys are ``hashtext('<schema>:<purpose>')``, so two schemas never share a lock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import psycopg
from psycopg import sql

MIGRATIONS_PACKAGE = "crawler.cluster"
MIGRATIONS_DIR = "migrations"
_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_MIGRATION_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_KEYWORD_PASSWORD = re.compile(r"password=\S+")
_URL_PASSWORD = re.compile(r"(://[^:@/]+):[^@/]+@")


class PgError(Exception):
    """The PostgreSQL store cannot be used: names the target and the reason."""

    def __init__(self, target: str, reason: str) -> None:
        super().__init__(f"PostgreSQL {target}: {reason}")
        self.target = target
        self.reason = reason


@dataclass(frozen=True)
class PgTarget:
    dsn: str
    schema: str = "thresher"

    def __post_init__(self) -> None:
        if not _SCHEMA_NAME.match(self.schema):
            raise PgError(self.label, f"schema name {self.schema!r} is not a plain lower-case "
                                      "identifier (letters, digits, underscore)")

    @property
    def label(self) -> str:
        """The DSN without a password, and the schema: safe for messages."""
        hidden = _URL_PASSWORD.sub(r"\1:***@", _KEYWORD_PASSWORD.sub("password=***", self.dsn))
        return f"{hidden} schema {self.schema}"

    def lock_key(self, purpose: str) -> str:
        return f"{self.schema}:{purpose}"

    def connect(self, *, autocommit: bool = False) -> psycopg.Connection:
        """A new connection whose ``search_path`` is this target's schema."""
        try:
            connection = psycopg.connect(self.dsn, autocommit=True)
        except psycopg.Error as exc:
            raise PgError(self.label, f"cannot connect ({str(exc).strip()})") from exc
        connection.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(self.schema)))
        connection.autocommit = autocommit
        return connection


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    text: str


def migrations() -> list[Migration]:
    """The project's migrations, in version order."""
    folder = resources.files(MIGRATIONS_PACKAGE).joinpath(MIGRATIONS_DIR)
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_FILE.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise PgError(MIGRATIONS_DIR, f"two migration files share a version: {versions}")
    return found


def migrate(target: PgTarget) -> list[int]:
    """Bring ``target``'s schema up to date; the versions applied now (maybe none)."""
    known = migrations()
    applied_now = []
    with target.connect() as connection, connection.transaction():
        xact_lock(connection, target, "migrate")
        connection.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(
            sql.Identifier(target.schema)))
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, "
            "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        done = {row[0] for row in connection.execute("SELECT version FROM schema_version")}
        newest = max((m.version for m in known), default=0)
        if done and max(done) > newest:
            raise PgError(target.label, f"schema version {max(done)} is newer than this "
                                        f"Thresher knows ({newest})")
        for migration in known:
            if migration.version in done:
                continue
            with connection.transaction():  # a savepoint: one file, all or nothing
                connection.execute(migration.text)
                connection.execute(
                    "INSERT INTO schema_version (version, name) VALUES (%s, %s)",
                    (migration.version, migration.name))
            applied_now.append(migration.version)
    return applied_now


def schema_version(target: PgTarget) -> int:
    with target.connect(autocommit=True) as connection:
        row = connection.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def drop_schema(target: PgTarget) -> None:
    """Remove the schema and everything in it (tests, ``thresher cluster reset --pg``)."""
    with target.connect(autocommit=True) as connection:
        connection.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
            sql.Identifier(target.schema)))


def xact_lock(connection: psycopg.Connection, target: PgTarget, purpose: str) -> None:
    """Take the transaction-level advisory lock ``purpose`` (released at commit/rollback)."""
    connection.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (target.lock_key(purpose),))
