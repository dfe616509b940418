"""The shared state store: pages, templates and the dedup index in a PostgreSQL schema.

The PostgreSQL twin of :class:`crawler.state.sqlite.SQLiteStateStore` for many workers on
many machines: one connection per handle (one handle per worker), the schema created and
migrated by the project (:mod:`crawler.cluster.pg`). As the Protocol says, methods never
commit on their own; ``commit()`` ends the unit of work. How each store stays consistent
when workers write at once is told in its module (merged template counts, a serialised
dedup unit, per-worker validator stash).
"""

from __future__ import annotations

import uuid

import psycopg

from ..cluster.pg import PgError, PgTarget, migrate
from .postgres_dedup import DEDUP_LOCK, PostgresDedupStore
from .postgres_pages import PostgresPageStore
from .postgres_templates import PostgresTemplateStore


class PostgresStateStore:
    """The :class:`~crawler.state.protocol.StateStore` on a PostgreSQL schema."""

    def __init__(self, connection: psycopg.Connection, target: PgTarget, owner: str) -> None:
        self.target = target
        self._connection = connection
        self.pages = PostgresPageStore(connection, owner)
        self.templates = PostgresTemplateStore(connection, target.lock_key(""))
        self.dedup = PostgresDedupStore(connection, target.lock_key(DEDUP_LOCK))

    @classmethod
    def open(cls, target: PgTarget, owner: str | None = None) -> PostgresStateStore:
        """Open (migrating the schema when needed); ``owner`` tags this handle's stash."""
        migrate(target)
        connection = target.connect(autocommit=True)
        # State commits need not wait for the disk: a database crash may forget the last
        # moments of state (a page judged new again, a dedup entry indexed again: the sink
        # makes both harmless), while each record write still commits durably.
        connection.execute("SET synchronous_commit = off")
        connection.autocommit = False
        return cls(connection, target, owner or uuid.uuid4().hex)

    def commit(self) -> None:
        try:
            self._connection.commit()
        except psycopg.Error as exc:
            self._connection.rollback()
            raise PgError(self.target.label, f"commit failed ({exc})") from exc
        finally:
            self.dedup.locked = False

    def rollback(self) -> None:
        self._connection.rollback()
        self.dedup.locked = False

    def close(self) -> None:
        if self._connection.closed:
            return
        try:
            self.commit()
        finally:
            self._connection.close()

    def __enter__(self) -> PostgresStateStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
