"""The persistent near-duplicate index in SQLite.

``dedup_bands`` maps an LSH band key (a 64-bit hash of one band of a MinHash signature and
the band's number) to the documents that have it. It is a clustered ``WITHOUT ROWID`` table,
so a query for all bands of one record is a single indexed ``IN`` lookup and nothing has to
be rebuilt in memory when a crawl starts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from .model import DedupEntry

_COLUMNS = ("record_id, group_id, content_hash, site, site_name, original_source, "
            "published_at, shingles, signature, doc")


def _entry(row: tuple) -> DedupEntry:
    return DedupEntry(*row[:9], seen=row[9])


class SQLiteDedupStore:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def get(self, record_id: str) -> DedupEntry | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM dedup_docs WHERE record_id = ?",
                               (record_id,)).fetchone()
        return _entry(row) if row else None

    def by_content_hash(self, content_hash: str, exclude_id: str) -> DedupEntry | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM dedup_docs WHERE content_hash = ? AND record_id != ? "
            "ORDER BY doc LIMIT 1", (content_hash, exclude_id)).fetchone()
        return _entry(row) if row else None

    def candidates(self, band_keys: Sequence[int], exclude_id: str) -> list[DedupEntry]:
        if not band_keys:
            return []
        marks = ",".join("?" * len(band_keys))
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM dedup_docs WHERE doc IN "
            f"(SELECT doc FROM dedup_bands WHERE band_key IN ({marks})) AND record_id != ? "
            "ORDER BY doc", (*band_keys, exclude_id)).fetchall()
        return [_entry(r) for r in rows]

    def add(self, entry: DedupEntry, band_keys: Sequence[int]) -> None:
        cursor = self._db.execute(
            "INSERT INTO dedup_docs (record_id, group_id, content_hash, site, site_name, "
            "original_source, published_at, shingles, signature) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry.record_id, entry.group_id, entry.content_hash, entry.site, entry.site_name,
             entry.original_source, entry.published_at, entry.shingles, entry.signature),
        )
        doc = cursor.lastrowid
        self._db.executemany("INSERT OR IGNORE INTO dedup_bands (band_key, doc) VALUES (?, ?)",
                             [(key, doc) for key in band_keys])

    def remove(self, entry: DedupEntry, band_keys: Sequence[int]) -> None:
        """Take ``entry`` (as read from this store) and its band keys out of the index."""
        self._db.executemany("DELETE FROM dedup_bands WHERE band_key = ? AND doc = ?",
                             [(key, entry.seen) for key in band_keys])
        self._db.execute("DELETE FROM dedup_docs WHERE doc = ?", (entry.seen,))

    def members(self, group_id: str) -> list[DedupEntry]:
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM dedup_docs WHERE group_id = ? "
                                "ORDER BY doc", (group_id,)).fetchall()
        return [_entry(r) for r in rows]

    def group_original(self, group_id: str) -> str | None:
        row = self._db.execute("SELECT original_id FROM dedup_groups WHERE group_id = ?",
                               (group_id,)).fetchone()
        return row[0] if row else None

    def set_group_original(self, group_id: str, record_id: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO dedup_groups (group_id, original_id) "
                         "VALUES (?, ?)", (group_id, record_id))

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM dedup_docs").fetchone()[0]
