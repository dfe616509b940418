"""Saved responses in the fixture layout: write one, find one by URL, read one back.

A recording is a folder of case folders, the same layout as ``fixtures/<site>/``::

    <dir>/<case>/input.html   the body bytes as served (after transport decoding: gzip/br
                              removed, charset untouched; named input.html for every type)
    <dir>/<case>/meta.json    {url, final_url, status, headers, fetched_at}

The case name comes from the URL path (a slug) plus a short hash of the whole URL, so two
URLs never share a case and the same URL always lands in the same one. Replaying reads
``fetched_at`` from meta.json, never the clock: that is what makes a replay deterministic.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from w3lib.url import canonicalize_url

INPUT_NAME = "input.html"
META_NAME = "meta.json"
# Request.meta key holding the fetch time (UTC ISO 8601) of the response that answers it.
# Record sets it to the time it writes into meta.json; replay sets it from meta.json.
FETCHED_AT_META_KEY = "thresher_fetched_at"
# Headers that describe the transport, not the page: the saved body is already decoded.
_TRANSPORT_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length",
                                "connection", "keep-alive"})
_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 60


class RecordingError(Exception):
    """A saved case that cannot be read: names the case folder and the reason."""

    def __init__(self, case: Path, reason: str) -> None:
        super().__init__(f"{case}: {reason}")
        self.case = case
        self.reason = reason


@dataclass(frozen=True)
class SavedResponse:
    """One saved response, as read back from a case folder."""

    url: str  # the URL that was asked for
    final_url: str  # after redirects
    status: int
    headers: tuple[tuple[str, str], ...]  # in the order served
    body: bytes
    fetched_at: str  # UTC ISO 8601
    case: Path


def utc_now_iso() -> str:
    """The fetch-time format Thresher writes: UTC, seconds, trailing Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def case_name(url: str) -> str:
    """``news-2024-some-story-html-1a2b3c4d``: a readable slug of the path, then a URL hash."""
    parts = urlsplit(url)
    slug = _SLUG_UNSAFE.sub("-", parts.path.lower()).strip("-")[:_SLUG_MAX].strip("-")
    digest = hashlib.blake2b(url.encode("utf-8"), digest_size=4).hexdigest()
    return f"{slug or 'index'}-{digest}"


def lookup_key(url: str) -> str:
    """The key two spellings of one URL share (query order, default port, fragment)."""
    return canonicalize_url(url, keep_fragments=False)


def save_response(into: Path, *, url: str, final_url: str, status: int,
                  headers: Sequence[tuple[str, str]], body: bytes,
                  fetched_at: str) -> Path:
    """Write one case folder under ``into`` and return it; an existing case is replaced.

    Both files are written to temporary names and renamed, so a crash never leaves a case
    with half a body that replay would then serve as if it were the page.
    """
    case = into / case_name(url)
    case.mkdir(parents=True, exist_ok=True)
    meta = {
        "url": url,
        "final_url": final_url,
        "status": status,
        "headers": {name: value for name, value in headers
                    if name.lower() not in _TRANSPORT_HEADERS},
        "fetched_at": fetched_at,
    }
    _write_atomically(case / INPUT_NAME, body)
    meta_text = json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    _write_atomically(case / META_NAME, meta_text.encode("utf-8"))
    return case


def iter_cases(root: Path) -> Iterator[Path]:
    """Every case folder (one holding meta.json) under ``root``, in a stable order."""
    for meta in sorted(root.rglob(META_NAME)):
        yield meta.parent


def read_saved(case: Path) -> SavedResponse:
    """Read one case folder; raise :class:`RecordingError` naming the case when it is bad."""
    try:
        meta = json.loads((case / META_NAME).read_text("utf-8"))
        body = (case / INPUT_NAME).read_bytes()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordingError(case, f"unreadable: {exc}") from exc
    if not isinstance(meta, Mapping) or not isinstance(meta.get("url"), str):
        raise RecordingError(case, "meta.json has no 'url'")
    if not isinstance(meta.get("fetched_at"), str):
        raise RecordingError(case, "meta.json has no 'fetched_at'")
    headers = meta.get("headers") or {}
    if not isinstance(headers, Mapping):
        raise RecordingError(case, "meta.json 'headers' is not an object")
    try:
        status = int(meta.get("status", 200))
    except (TypeError, ValueError) as exc:
        raise RecordingError(case, f"meta.json 'status' is not a number: {exc}") from exc
    return SavedResponse(
        url=meta["url"],
        final_url=meta.get("final_url") or meta["url"],
        status=status,
        headers=tuple((str(k), str(v)) for k, v in headers.items()
                      if str(k).lower() not in _TRANSPORT_HEADERS),
        body=body,
        fetched_at=meta["fetched_at"],
        case=case,
    )


class RecordingIndex:
    """URL → case folder for one recording; looked up by asked-for URL, then final URL."""

    def __init__(self, cases_by_key: Mapping[str, Path], bad_cases: Sequence[RecordingError]):
        self._cases = dict(cases_by_key)
        self.bad_cases = tuple(bad_cases)

    @classmethod
    def load(cls, root: Path) -> RecordingIndex:
        if not root.is_dir():
            raise FileNotFoundError(f"{root}: no such recording folder")
        by_url: dict[str, Path] = {}
        by_final: dict[str, Path] = {}
        bad: list[RecordingError] = []
        for case in iter_cases(root):
            try:
                url, final_url = _urls_of(case)
            except RecordingError as exc:
                bad.append(exc)
                continue
            by_url.setdefault(lookup_key(url), case)
            by_final.setdefault(lookup_key(final_url), case)
        # An asked-for URL wins over a redirect target that happens to share its key.
        return cls({**by_final, **by_url}, bad)

    def __len__(self) -> int:
        return len(self._cases)

    def find(self, url: str) -> Path | None:
        return self._cases.get(lookup_key(url))


def _urls_of(case: Path) -> tuple[str, str]:
    try:
        meta = json.loads((case / META_NAME).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordingError(case, f"unreadable meta.json: {exc}") from exc
    url = meta.get("url") if isinstance(meta, Mapping) else None
    if not isinstance(url, str):
        raise RecordingError(case, "meta.json has no 'url'")
    final_url = meta.get("final_url")
    return url, final_url if isinstance(final_url, str) else url


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
