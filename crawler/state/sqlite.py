"""The embedded state store: one SQLite file (WAL) holding pages, templates and dedup tables.

Several components of one crawl (the conditional-request middleware, the changed-only,
template and dedup pipelines) may each open their own handle on the same file: every unit of
work is a short transaction, and WAL lets readers go on while one writes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .sqlite_dedup import SQLiteDedupStore
from .sqlite_pages import SQLitePageStore
from .sqlite_templates import SQLiteTemplateStore

SCHEMA_VERSION = 1
MEMORY = ":memory:"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS state_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY, record_id TEXT NOT NULL, revision INTEGER NOT NULL,
    content_hash TEXT NOT NULL, extracted_hash TEXT NOT NULL, key_hash TEXT NOT NULL,
    last_seen TEXT NOT NULL, etag TEXT, last_modified TEXT);
CREATE TABLE IF NOT EXISTS pending_validators (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);
CREATE TABLE IF NOT EXISTS template_sites (site TEXT PRIMARY KEY, pages INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS template_lines (
    site TEXT NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL, pages INTEGER NOT NULL,
    interior INTEGER NOT NULL, words INTEGER NOT NULL, first_page INTEGER NOT NULL,
    PRIMARY KEY (site, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_docs (
    doc INTEGER PRIMARY KEY, record_id TEXT NOT NULL UNIQUE, group_id TEXT NOT NULL,
    content_hash TEXT NOT NULL, site TEXT NOT NULL, site_name TEXT, original_source TEXT,
    published_at TEXT, shingles INTEGER NOT NULL, signature BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS dedup_docs_content_hash ON dedup_docs (content_hash);
CREATE INDEX IF NOT EXISTS dedup_docs_group ON dedup_docs (group_id);
CREATE TABLE IF NOT EXISTS dedup_bands (
    band_key INTEGER NOT NULL, doc INTEGER NOT NULL,
    PRIMARY KEY (band_key, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dedup_groups (group_id TEXT PRIMARY KEY, original_id TEXT NOT NULL);
"""


class StateStoreError(Exception):
    """The state store cannot be opened: names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"state store {path}: {reason}")
        self.path = path
        self.reason = reason


class SQLiteStateStore:
    """The :class:`~crawler.state.protocol.StateStore` on one SQLite file."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.path = path
        self._connection = connection
        self.pages = SQLitePageStore(connection)
        self.templates = SQLiteTemplateStore(connection)
        self.dedup = SQLiteDedupStore(connection)

    @classmethod
    def open(cls, path: str | Path = MEMORY) -> SQLiteStateStore:
        """Open (creating when missing) the store at ``path``; ``":memory:"`` for a throwaway."""
        name = str(path)
        if name != MEMORY:
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(name, timeout=30.0, isolation_level="DEFERRED",
                                         check_same_thread=False)
            _prepare(connection, name)
        except sqlite3.DatabaseError as exc:
            raise StateStoreError(name, f"not a usable SQLite database ({exc})") from exc
        return cls(connection, name)

    def commit(self) -> None:
        self._connection.commit()

    def close(self) -> None:
        self._connection.commit()
        self._connection.close()

    def __enter__(self) -> SQLiteStateStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _prepare(connection: sqlite3.Connection, name: str) -> None:
    if name != MEMORY:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
    connection.executescript(_SCHEMA)
    row = connection.execute(
        "SELECT value FROM state_meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        connection.execute("INSERT INTO state_meta VALUES ('schema_version', ?)",
                           (str(SCHEMA_VERSION),))
        connection.commit()
    elif row[0] != str(SCHEMA_VERSION):
        connection.close()
        raise StateStoreError(name, f"schema version {row[0]}, this Thresher reads "
                                    f"{SCHEMA_VERSION}")
