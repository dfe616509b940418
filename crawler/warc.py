"""WARC files with warcio: archive raw HTTP exchanges, and read HTML pages back out.

Writing: one gzip member per record (the usual ``.warc.gz``), a request record and a response
record per exchange, linked by WARC-Concurrent-To; warcio adds the block and payload digests.
The payload is kept as served (Content-Encoding intact). Transfer-Encoding is renamed
X-Crawler-Transfer-Encoding, as Common Crawl does, because the body is already de-chunked.

Reading: a stream, never the whole file in memory. Only ``response`` records with an HTML
content type and a 2xx status become pages; every other record is counted by kind in a
Counter. A corrupt or truncated file yields one :class:`WarcProblem` naming the file, the
offset and the reason, and stops that file only: the caller goes on with the next one.
"""

from __future__ import annotations

import os
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
DEFAULT_MAX_PAYLOAD_BYTES = 8 * 1024 * 1024  # same cap as extraction's max_input_bytes
_HOP_BY_HOP = {"transfer-encoding": "X-Crawler-Transfer-Encoding"}
# What a damaged file raises from inside warcio / zlib / gzip while streaming.
# The record types of WARC 1.1 (section 6); "continuation" and "conversion" included.
_WARC_TYPES = frozenset({"warcinfo", "response", "resource", "request", "metadata", "revisit",
                         "conversion", "continuation"})
# Fields every WARC record must carry (WARC 1.1, section 5): a record cut off inside its
# headers loses them, and warcio would still hand it over.
_MANDATORY_FIELDS = ("WARC-Record-ID", "Content-Length", "WARC-Date", "WARC-Type")
# Target URIs other tools write that have no host part (urn:, dns:, mailto:...).
_OPAQUE_SCHEMES = frozenset({"urn", "dns", "mailto", "data", "about", "filedesc"})
# AttributeError: warcio calls uri.startswith() on a response record whose headers lost
# their Target-URI to the damage.
_CORRUPTION = (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError, UnicodeDecodeError,
               AttributeError)


@dataclass(frozen=True)
class HttpExchange:
    """One request and the raw response that answered it, as the downloader saw them."""

    url: str
    method: str
    request_headers: tuple[tuple[str, str], ...]
    request_body: bytes
    status: int
    reason: str
    response_headers: tuple[tuple[str, str], ...]
    body: bytes  # as served: still compressed when the server sent Content-Encoding
    fetched_at: str  # UTC ISO 8601, becomes WARC-Date
    ip_address: str | None = None


@dataclass(frozen=True)
class WarcPage:
    """An HTML response read from a WARC file: what extraction needs, plus where it was."""

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes  # payload with transfer and content encodings removed
    fetched_at: str
    warc_file: str
    offset: int


@dataclass(frozen=True)
class WarcProblem:
    """A record or a whole file that could not be read: becomes an errors entry."""

    warc_file: str
    offset: int | None
    url: str | None
    reason: str


class WarcArchive:
    """An append-only WARC file. ``open()`` before writing, ``close()`` when done."""

    def __init__(self, path: Path, software: str = "thresher") -> None:
        self.path = path
        self.software = software
        self._file: BinaryIO | None = None
        self._writer: WARCWriter | None = None

    def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        is_new = not self.path.exists() or self.path.stat().st_size == 0
        # Append: a resumed crawl adds to the same archive; gzip members concatenate.
        self._file = self.path.open("ab")
        self._writer = WARCWriter(self._file, gzip=True)
        if is_new:
            info = {"software": self.software, "format": "WARC File Format 1.1"}
            self._writer.write_record(self._writer.create_warcinfo_record(self.path.name, info))

    def write(self, exchange: HttpExchange) -> None:
        if self._writer is None:
            raise RuntimeError(f"{self.path}: WARC archive is not open")
        warc_date = _warc_date(exchange.fetched_at)
        response = self._response_record(exchange, warc_date)
        request = self._request_record(exchange, warc_date)
        self._writer.write_request_response_pair(request, response)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file = None
        self._writer = None

    def _response_record(self, exchange: HttpExchange, warc_date: str):
        headers = [(_HOP_BY_HOP.get(k.lower(), k), v) for k, v in exchange.response_headers]
        http_headers = StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(),
                                        headers, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": warc_date}
        if exchange.ip_address:
            warc_headers["WARC-IP-Address"] = exchange.ip_address
        return self._writer.create_warc_record(
            exchange.url, "response", payload=BytesIO(exchange.body),
            length=len(exchange.body), http_headers=http_headers,
            warc_headers_dict=warc_headers)

    def _request_record(self, exchange: HttpExchange, warc_date: str):
        parts = urlsplit(exchange.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = list(exchange.request_headers)
        if not any(k.lower() == "host" for k, _ in headers):
            headers.insert(0, ("Host", parts.netloc))
        http_headers = StatusAndHeaders(f"{exchange.method} {target} HTTP/1.1", headers,
                                        is_http_request=True)
        return self._writer.create_warc_record(
            exchange.url, "request", payload=BytesIO(exchange.request_body),
            length=len(exchange.request_body), http_headers=http_headers,
            warc_headers_dict={"WARC-Date": warc_date})


def iter_warc_pages(path: Path, counts: Counter,
                    max_payload_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES,
                    ) -> Iterator[WarcPage | WarcProblem]:
    """Stream the HTML pages of one WARC file; count every other record in ``counts``."""
    name = str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield WarcProblem(name, None, None, f"warc_unreadable: {exc.strerror or exc}")
        return
    with stream:
        records = ArchiveIterator(stream, arc2warc=True, check_digests=True)
        next_offset = 0  # where the next record starts: where damage is reported
        try:
            for record in records:
                damage = _damage_in(record)
                if damage is not None:
                    counts["corrupt_file"] += 1
                    yield WarcProblem(name, next_offset, None, f"warc_corrupt: {damage}")
                    return
                item = _page_or_skip(record, name, counts, max_payload_bytes)
                # Only known once the record is read to its end, so after the payload.
                offset = records.get_record_offset()
                next_offset = offset + records.get_record_length()
                damage = _damage_in_block(record, counts) or _gzip_member_unfinished(records)
                if damage is not None:
                    counts["corrupt_file"] += 1
                    yield WarcProblem(name, offset, None, f"warc_corrupt: {damage}")
                    return
                if item is not None:
                    yield replace(item, offset=offset)
        except _CORRUPTION as exc:
            counts["corrupt_file"] += 1
            yield WarcProblem(name, next_offset, None,
                              f"warc_corrupt: {type(exc).__name__}: {_short(str(exc))}")
            return
        # warcio ends quietly at a truncated gzip member: bytes left over mean damage.
        size = os.fstat(stream.fileno()).st_size
        if next_offset < size and not _only_record_separators(stream, next_offset, size):
            counts["corrupt_file"] += 1
            yield WarcProblem(name, next_offset, None,
                              f"warc_corrupt: {size - next_offset} bytes after offset "
                              f"{next_offset} are not readable WARC records (truncated?)")


def _damage_in(record) -> str | None:
    """Why a record that warcio parsed is really damage, or None.

    warcio's header parser is lenient: after a gzip member cut short it can read on into the
    next bytes and hand back a "record" whose headers are compressed bytes or junk. A record
    of an unknown type, or whose target is not an absolute URL, means the stream is out of step.
    """
    rec_type = record.rec_type
    if rec_type not in _WARC_TYPES:
        return f"record of unknown type {_short(repr(rec_type), 40)}"
    if record.format == "warc":
        absent = [name for name in _MANDATORY_FIELDS
                  if record.rec_headers.get_header(name) is None]
        if absent:
            return f"{rec_type} record lacks the mandatory {', '.join(absent)}"
        length = record.rec_headers.get_header("Content-Length").strip()
        if not (length.isascii() and length.isdigit()):
            return f"{rec_type} record has a Content-Length of {_short(repr(length), 40)}"
    if rec_type == "warcinfo":
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    if url is not None and not _is_absolute_url(url):
        return f"{rec_type} record has an unreadable WARC-Target-URI {_short(repr(url), 40)}"
    return None


def _damage_in_block(record, counts: Counter) -> str | None:
    """Why a record read to its end is damage, or None.

    A gzip member cut short either ends quietly (the block never reaches its Content-Length)
    or, with junk after it, inflates into junk; only the block digest tells the second apart.
    A payload digest alone that fails is counted, not fatal: tools disagree on whether it
    covers the chunked or the de-chunked body, and the block digest already vouches for it.
    """
    missing = max(getattr(record.raw_stream, "limit", 0), 0)
    if missing:
        return (f"{record.rec_type} record ends {missing} bytes short of its Content-Length "
                "(truncated?)")
    checker = record.digest_checker
    if checker is None or checker.passed is not False:
        return None
    block_failures = [p for p in checker.problems if p.startswith("block digest failed")]
    if block_failures:
        return f"{record.rec_type} record {block_failures[0]}"
    counts["payload_digest_mismatch"] += 1
    return None


def _gzip_member_unfinished(records: ArchiveIterator) -> str | None:
    """A record read to its end in a .warc.gz has also had its gzip member's trailer read; a
    member still open means the trailer was cut off or overwritten (warcio only prints that)."""
    decompressor = getattr(records.reader, "decompressor", None)
    if decompressor is None or getattr(decompressor, "eof", True):
        return None  # an uncompressed WARC, or a member that ended cleanly
    return "gzip member ends without its trailer (truncated?)"


def _is_absolute_url(url: str) -> bool:
    if not url.isprintable() or " " in url:
        return False
    parts = urlsplit(url)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in _OPAQUE_SCHEMES)


def _page_or_skip(record, name: str, counts: Counter,
                  max_payload_bytes: int) -> WarcPage | WarcProblem | None:
    if record.rec_type != "response":
        counts[f"skipped_{record.rec_type}"] += 1
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    http = record.http_headers
    if http is None or not url:
        counts["skipped_response_without_http"] += 1
        return None
    if not _is_html(http.get_header("Content-Type")):
        counts["skipped_not_html"] += 1
        return None
    status = _status_of(http)
    if not 200 <= status < 300:
        counts["skipped_status_not_2xx"] += 1
        return None
    body = record.content_stream().read(max_payload_bytes + 1)
    if len(body) > max_payload_bytes:
        counts["too_large"] += 1
        return WarcProblem(name, None, url, f"too_large: payload over {max_payload_bytes} bytes")
    counts["pages"] += 1
    return WarcPage(
        url=url,
        status=status,
        headers=_decoded_headers(http.headers),
        body=body,
        fetched_at=_iso_from_warc_date(record.rec_headers.get_header("WARC-Date")),
        warc_file=name,
        offset=0,  # set by the caller
    )


def _is_html(content_type: str | None) -> bool:
    if not content_type:
        return False
    mime = content_type.split(";", 1)[0].strip().lower()
    return mime in HTML_CONTENT_TYPES


def _status_of(http: StatusAndHeaders) -> int:
    try:
        return int(http.get_statuscode())
    except (TypeError, ValueError):
        return 0


def _decoded_headers(headers: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    # content_stream() has removed these encodings; saying otherwise would mislead.
    dropped = {"content-encoding", "transfer-encoding", "content-length"}
    return tuple((k, v) for k, v in headers if k.lower() not in dropped)


def _warc_date(fetched_at: str) -> str:
    """WARC-Date wants UTC with a trailing Z."""
    return fetched_at.replace("+00:00", "Z")


def _iso_from_warc_date(value: str | None) -> str:
    return (value or "").replace("+00:00", "Z")


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _only_record_separators(stream: BinaryIO, start: int, size: int) -> bool:
    """Uncompressed WARCs end each record with CRLF CRLF that the record length leaves out."""
    if size - start > 64:
        return False
    stream.seek(start)
    return not stream.read().strip(b"\r\n")
