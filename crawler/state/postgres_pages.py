"""Per-URL visit state in PostgreSQL: validators, content hashes, revision, last seen.

Within one crawl a URL is fetched by one worker (the shared dupefilter sees to it), so rows
rarely meet; when they do (a redirect target, two sources), ``put`` is a plain upsert of the
newer visit. Stashed validators carry the store handle's ``owner`` token: ``drop_pending`` at
one worker's end forgets only that worker's stash.
"""

from __future__ import annotations

import psycopg

from .model import PageState, Validators

_COLUMNS = ("url, record_id, revision, content_hash, extracted_hash, key_hash, last_seen, "
            "etag, last_modified")


class PostgresPageStore:
    def __init__(self, connection: psycopg.Connection, owner: str) -> None:
        self._db = connection
        self.owner = owner

    def get(self, url: str) -> PageState | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM pages WHERE url = %s",
                               (url,)).fetchone()
        if row is None:
            return None
        return PageState(*row[:7], validators=Validators(row[7], row[8]))

    def put(self, state: PageState) -> None:
        self._db.execute(
            f"INSERT INTO pages ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (url) DO UPDATE SET record_id = excluded.record_id, "
            "revision = excluded.revision, content_hash = excluded.content_hash, "
            "extracted_hash = excluded.extracted_hash, key_hash = excluded.key_hash, "
            "last_seen = excluded.last_seen, etag = excluded.etag, "
            "last_modified = excluded.last_modified",
            (state.url, state.record_id, state.revision, state.content_hash,
             state.extracted_hash, state.key_hash, state.last_seen,
             state.validators.etag, state.validators.last_modified),
        )

    def touch(self, url: str, seen_at: str) -> None:
        self._db.execute("UPDATE pages SET last_seen = %s WHERE url = %s", (seen_at, url))

    def stash_validators(self, url: str, validators: Validators) -> None:
        self._db.execute(
            "INSERT INTO pending_validators (url, owner, etag, last_modified) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (url, owner) DO UPDATE SET "
            "etag = excluded.etag, last_modified = excluded.last_modified",
            (url, self.owner, validators.etag, validators.last_modified))

    def take_validators(self, url: str) -> Validators:
        row = self._db.execute(
            "DELETE FROM pending_validators WHERE url = %s AND owner = %s "
            "RETURNING etag, last_modified", (url, self.owner)).fetchone()
        return Validators(*row) if row else Validators()

    def drop_pending(self) -> None:
        self._db.execute("DELETE FROM pending_validators WHERE owner = %s", (self.owner,))
