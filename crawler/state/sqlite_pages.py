"""Per-URL visit state in SQLite: validators, content hashes, revision, last seen."""

from __future__ import annotations

import sqlite3

from .model import PageState, Validators

_COLUMNS = ("url, record_id, revision, content_hash, extracted_hash, key_hash, last_seen, "
            "etag, last_modified")


class SQLitePageStore:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def get(self, url: str) -> PageState | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM pages WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        return PageState(*row[:7], validators=Validators(row[7], row[8]))

    def put(self, state: PageState) -> None:
        self._db.execute(
            f"INSERT OR REPLACE INTO pages ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (state.url, state.record_id, state.revision, state.content_hash,
             state.extracted_hash, state.key_hash, state.last_seen,
             state.validators.etag, state.validators.last_modified),
        )

    def touch(self, url: str, seen_at: str) -> None:
        self._db.execute("UPDATE pages SET last_seen = ? WHERE url = ?", (seen_at, url))

    def stash_validators(self, url: str, validators: Validators) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO pending_validators (url, etag, last_modified) "
            "VALUES (?, ?, ?)", (url, validators.etag, validators.last_modified))

    def take_validators(self, url: str) -> Validators:
        row = self._db.execute(
            "SELECT etag, last_modified FROM pending_validators WHERE url = ?", (url,)
        ).fetchone()
        if row is None:
            return Validators()
        self._db.execute("DELETE FROM pending_validators WHERE url = ?", (url,))
        return Validators(*row)

    def drop_pending(self) -> None:
        self._db.execute("DELETE FROM pending_validators")
