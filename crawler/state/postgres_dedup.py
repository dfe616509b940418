"""The persistent near-duplicate index in PostgreSQL, consistent under many workers.

Assigning a group is a read-decide-write unit (``NearDupIndex.add``: look up candidates,
pick a group, insert, settle the original). Two workers doing it at once for two copies of
one story would each see no match and found two groups. So every method first takes the
schema's ``dedup`` advisory lock for the current transaction (once per transaction), and the
unit's owner ends it with ``commit()``: units from all workers run one after another, each
seeing everything committed before it. A unit is a few indexed queries, so the lock is held
for milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence

import psycopg

from .model import DedupEntry

DEDUP_LOCK = "dedup"
_COLUMNS = ("record_id, group_id, content_hash, site, site_name, original_source, "
            "published_at, shingles, signature, doc")


def _entry(row: tuple) -> DedupEntry:
    return DedupEntry(*row[:8], signature=bytes(row[8]), seen=row[9])


class PostgresDedupStore:
    def __init__(self, connection: psycopg.Connection, lock_key: str) -> None:
        self._db = connection
        self._lock_key = lock_key
        self.locked = False  # reset by the owning store on commit/rollback

    def _lock(self) -> None:
        if not self.locked:
            self._db.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self._lock_key,))
            self.locked = True

    def get(self, record_id: str) -> DedupEntry | None:
        self._lock()
        row = self._db.execute(f"SELECT {_COLUMNS} FROM dedup_docs WHERE record_id = %s",
                               (record_id,)).fetchone()
        return _entry(row) if row else None

    def by_content_hash(self, content_hash: str, exclude_id: str) -> DedupEntry | None:
        self._lock()
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM dedup_docs WHERE content_hash = %s AND record_id <> %s "
            "ORDER BY doc LIMIT 1", (content_hash, exclude_id)).fetchone()
        return _entry(row) if row else None

    def candidates(self, band_keys: Sequence[int], exclude_id: str) -> list[DedupEntry]:
        if not band_keys:
            return []
        self._lock()
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM dedup_docs WHERE doc IN "
            "(SELECT doc FROM dedup_bands WHERE band_key = ANY(%s)) AND record_id <> %s "
            "ORDER BY doc", (list(band_keys), exclude_id)).fetchall()
        return [_entry(r) for r in rows]

    def add(self, entry: DedupEntry, band_keys: Sequence[int]) -> None:
        self._lock()
        row = self._db.execute(
            "INSERT INTO dedup_docs (record_id, group_id, content_hash, site, site_name, "
            "original_source, published_at, shingles, signature) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING doc",
            (entry.record_id, entry.group_id, entry.content_hash, entry.site, entry.site_name,
             entry.original_source, entry.published_at, entry.shingles, entry.signature),
        ).fetchone()
        assert row is not None
        with self._db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO dedup_bands (band_key, doc) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                [(key, row[0]) for key in band_keys])

    def remove(self, entry: DedupEntry, band_keys: Sequence[int]) -> None:
        self._lock()
        self._db.execute("DELETE FROM dedup_bands WHERE doc = %s AND band_key = ANY(%s)",
                         (entry.seen, list(band_keys)))
        self._db.execute("DELETE FROM dedup_docs WHERE doc = %s", (entry.seen,))

    def members(self, group_id: str) -> list[DedupEntry]:
        self._lock()
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM dedup_docs WHERE group_id = %s "
                                "ORDER BY doc", (group_id,)).fetchall()
        return [_entry(r) for r in rows]

    def group_original(self, group_id: str) -> str | None:
        self._lock()
        row = self._db.execute("SELECT original_id FROM dedup_groups WHERE group_id = %s",
                               (group_id,)).fetchone()
        return row[0] if row else None

    def set_group_original(self, group_id: str, record_id: str) -> None:
        self._lock()
        self._db.execute(
            "INSERT INTO dedup_groups (group_id, original_id) VALUES (%s, %s) "
            "ON CONFLICT (group_id) DO UPDATE SET original_id = excluded.original_id",
            (group_id, record_id))

    def count(self) -> int:
        row = self._db.execute("SELECT count(*) FROM dedup_docs").fetchone()
        return int(row[0]) if row else 0
