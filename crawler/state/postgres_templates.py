"""Per-site template line statistics in PostgreSQL, merged across workers.

The Protocol's ``save(lines)`` replaces a site's statistics with what one learner holds.
With one writer that is exact; with many workers each learner only holds what was stored
when it loaded plus its own pages, and a plain replace would throw away every other
worker's counts (a lost update). So this store remembers, per site, what its handle last
loaded or saved (the baseline) and ``save`` adds the difference: this worker's new pages and
line counts are added to the stored ones, lines the learner pruned take back only the
counts the baseline had. With one writer the result equals a replace. Each save takes the
site's advisory lock, so two workers' saves of one site never interleave.
"""

from __future__ import annotations

import psycopg

from .model import LineStats, SiteLines

TEMPLATE_LOCK = "template:"


class PostgresTemplateStore:
    def __init__(self, connection: psycopg.Connection, lock_prefix: str) -> None:
        self._db = connection
        self._lock_prefix = lock_prefix
        self._baseline: dict[str, SiteLines] = {}

    def load(self, site: str) -> SiteLines:
        row = self._db.execute("SELECT pages FROM template_sites WHERE site = %s",
                               (site,)).fetchone()
        if row is None:
            lines = SiteLines(site, 0)
        else:
            rows = self._db.execute(
                "SELECT key, text, pages, interior, words, first_page FROM template_lines "
                "WHERE site = %s ORDER BY key", (site,)).fetchall()
            lines = SiteLines(site, row[0], tuple(LineStats(*r) for r in rows))
        self._baseline[site] = lines
        return lines

    def save(self, lines: SiteLines) -> None:
        site = lines.site
        base = self._baseline.get(site, SiteLines(site, 0))
        self._db.execute("SELECT pg_advisory_xact_lock(hashtext(%s))",
                         (self._lock_prefix + TEMPLATE_LOCK + site,))
        self._db.execute(
            "INSERT INTO template_sites (site, pages) VALUES (%s, %s) ON CONFLICT (site) "
            "DO UPDATE SET pages = template_sites.pages + excluded.pages",
            (site, lines.pages - base.pages))
        changes = _line_changes(base, lines)
        if changes:
            with self._db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO template_lines (site, key, text, pages, interior, words, "
                    "first_page) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (site, key) "
                    "DO UPDATE SET pages = template_lines.pages + excluded.pages, "
                    "interior = template_lines.interior + excluded.interior, "
                    "first_page = LEAST(template_lines.first_page, excluded.first_page)",
                    [(site, *change) for change in changes])
            self._db.execute("DELETE FROM template_lines WHERE site = %s AND pages <= 0",
                             (site,))
        self._baseline[site] = lines

    def sites(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT site FROM template_sites ORDER BY site")]


def _line_changes(base: SiteLines, now: SiteLines) -> list[tuple]:
    """(key, text, pages delta, interior delta, words, first_page) of every changed line."""
    before = {line.key: line for line in base.lines}
    after = {line.key: line for line in now.lines}
    changes = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if new is None:
            assert old is not None
            changes.append((key, old.text, -old.pages, -old.interior, old.words, old.first_page))
            continue
        pages = new.pages - (old.pages if old else 0)
        interior = new.interior - (old.interior if old else 0)
        if pages or interior or old is None:
            changes.append((key, new.text, pages, interior, new.words, new.first_page))
    return changes
