"""The raw pages the service's crawls archived (one WARC per run), indexed by URL.

With ``keep_pages`` on, each run's child writes ``runs/<id>/pages.warc.gz``. When the run
ends, its HTML responses are indexed here (URL -> file and offset) so the inspector can show
a record beside the exact bytes it was extracted from, without scanning archives per request.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from extractors.decoding import decode_html

from ..warc import WarcPage, iter_warc_pages

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    warc TEXT NOT NULL,
    offset INTEGER NOT NULL,
    PRIMARY KEY (url, run_id)
);
"""


@dataclass(frozen=True)
class ArchivedPage:
    url: str
    run_id: int
    html: str  # decoded with the same charset rules as extraction
    charset: str


class PageArchive:
    def __init__(self, index_path: Path) -> None:
        self.index_path = index_path

    def initialise(self) -> None:
        with self._connect() as conn:
            conn.executescript(_SCHEMA)

    def index_run(self, run_id: int, warc_path: Path) -> int:
        """Index one run's archive; returns the number of HTML pages indexed."""
        if not warc_path.is_file():
            return 0
        rows = [(page.url, run_id, str(warc_path), page.offset)
                for page in iter_warc_pages(warc_path, Counter()) if isinstance(page, WarcPage)]
        with self._connect() as conn:
            conn.executemany("INSERT OR REPLACE INTO pages (url, run_id, warc, offset)"
                             " VALUES (?, ?, ?, ?)", rows)
        return len(rows)

    def find(self, urls: Iterable[str | None]) -> ArchivedPage | None:
        """The newest archived page for the first of ``urls`` that has one."""
        for url in dict.fromkeys(u for u in urls if u):
            with self._connect() as conn:
                row = conn.execute("SELECT run_id, warc, offset FROM pages WHERE url = ?"
                                   " ORDER BY run_id DESC LIMIT 1", (url,)).fetchone()
            if row is None:
                continue
            page = _read_at(Path(row[1]), row[2])
            if page is not None:
                decoded = decode_html(page.body, _charset_of(page.headers), url)
                return ArchivedPage(url, row[0], decoded.text, decoded.charset)
        return None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.index_path, timeout=30)
        try:
            with conn:
                yield conn
        finally:
            conn.close()


@dataclass(frozen=True)
class _RawPage:
    body: bytes
    headers: tuple[tuple[str, str], ...]


def _read_at(path: Path, offset: int) -> _RawPage | None:
    """The response record at ``offset``; None when the archive is gone or damaged there."""
    try:
        with path.open("rb") as stream:
            stream.seek(offset)
            for record in ArchiveIterator(stream):
                if record.http_headers is None:
                    return None
                return _RawPage(record.content_stream().read(),
                                tuple(record.http_headers.headers))
    except (OSError, ValueError, EOFError):
        return None
    return None


def _charset_of(headers: tuple[tuple[str, str], ...]) -> str | None:
    for name, value in headers:
        if name.lower() == "content-type":
            for part in value.split(";")[1:]:
                key, _, charset = part.strip().partition("=")
                if key.lower() == "charset" and charset:
                    return charset.strip("\"' ")
    return None
