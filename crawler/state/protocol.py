"""The state store's interface: what a crawl remembers between runs.

Three small stores behind one handle, so an embedded SQLite file serves a single machine and a
server database can serve many workers later without the pipelines noticing:

* ``pages``: per URL the validators (ETag, Last-Modified), content hashes, revision, last seen;
* ``templates``: per site the line statistics that template memory learns from;
* ``dedup``: the near-duplicate index (MinHash signatures, LSH band keys, groups).

Methods never commit on their own: a caller finishes a unit of work with ``commit()``, so a
crash mid-unit leaves the previous state, not half of the new one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from .model import DedupEntry, PageState, SiteLines, Validators


class PageStore(Protocol):
    def get(self, url: str) -> PageState | None: ...

    def put(self, state: PageState) -> None: ...

    def touch(self, url: str, seen_at: str) -> None:
        """A visit that changed nothing (a 304, an unchanged body): only ``last_seen`` moves."""

    def stash_validators(self, url: str, validators: Validators) -> None:
        """Validators of a fresh response, kept aside until its record is delivered."""

    def take_validators(self, url: str) -> Validators:
        """The stashed validators of ``url`` (empty when none), removed from the stash."""

    def drop_pending(self) -> None:
        """Forget stashed validators whose page never became a record (listings, errors)."""


class TemplateStore(Protocol):
    def load(self, site: str) -> SiteLines: ...

    def save(self, lines: SiteLines) -> None:
        """Replace the site's statistics with ``lines``."""

    def sites(self) -> list[str]: ...


class DedupStore(Protocol):
    def get(self, record_id: str) -> DedupEntry | None: ...

    def by_content_hash(self, content_hash: str, exclude_id: str) -> DedupEntry | None: ...

    def candidates(self, band_keys: Sequence[int], exclude_id: str) -> list[DedupEntry]:
        """Entries sharing at least one LSH band key with the query."""

    def add(self, entry: DedupEntry, band_keys: Sequence[int]) -> None:
        """Insert ``entry``; its record id must not be in the index (``remove`` it first)."""

    def remove(self, entry: DedupEntry, band_keys: Sequence[int]) -> None:
        """Take ``entry`` (as read from this store) and its band keys out of the index."""

    def members(self, group_id: str) -> list[DedupEntry]: ...

    def group_original(self, group_id: str) -> str | None: ...

    def set_group_original(self, group_id: str, record_id: str) -> None: ...

    def count(self) -> int: ...


class StateStore(Protocol):
    pages: PageStore
    templates: TemplateStore
    dedup: DedupStore

    def commit(self) -> None: ...

    def close(self) -> None: ...
