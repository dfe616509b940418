"""Per-site template line statistics in SQLite."""

from __future__ import annotations

import sqlite3

from .model import LineStats, SiteLines


class SQLiteTemplateStore:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def load(self, site: str) -> SiteLines:
        row = self._db.execute("SELECT pages FROM template_sites WHERE site = ?",
                               (site,)).fetchone()
        if row is None:
            return SiteLines(site, 0)
        lines = self._db.execute(
            "SELECT key, text, pages, interior, words, first_page FROM template_lines "
            "WHERE site = ? ORDER BY key", (site,)).fetchall()
        return SiteLines(site, row[0], tuple(LineStats(*line) for line in lines))

    def save(self, lines: SiteLines) -> None:
        self._db.execute("INSERT OR REPLACE INTO template_sites (site, pages) VALUES (?, ?)",
                         (lines.site, lines.pages))
        self._db.execute("DELETE FROM template_lines WHERE site = ?", (lines.site,))
        self._db.executemany(
            "INSERT INTO template_lines (site, key, text, pages, interior, words, first_page) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(lines.site, s.key, s.text, s.pages, s.interior, s.words, s.first_page)
             for s in lines.lines],
        )

    def sites(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT site FROM template_sites ORDER BY site")]
