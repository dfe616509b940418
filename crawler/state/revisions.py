"""Changed-only delivery: is this page new, changed, or the same as last time?

A page is *changed* when its extracted body or a key field (title, published_at, authors)
differs from the last delivered revision. The body is compared by the content hash that
extraction gave, before template stripping: what template memory has learned since the last
visit must not make an unchanged page look changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from w3lib.url import canonicalize_url

from extractors import Article

from .model import PageState, Validators

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


@dataclass(frozen=True)
class Verdict:
    kind: str  # new | changed | unchanged
    revision: int  # the revision the record gets (unchanged: the stored one)
    previous_content_hash: str | None
    key_hash: str


def url_key(url: str) -> str:
    """The state store's key for a URL (canonical form: sorted query, no fragment)."""
    try:
        return canonicalize_url(url)
    except ValueError:
        return url


def key_fields_hash(record: Article) -> str:
    fields = [record.title, record.published_at, sorted(record.authors)]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def judge(record: Article, previous: PageState | None) -> Verdict:
    key_hash = key_fields_hash(record)
    if previous is None:
        return Verdict(NEW, 1, None, key_hash)
    if previous.extracted_hash == record.content_hash and previous.key_hash == key_hash:
        return Verdict(UNCHANGED, previous.revision, None, key_hash)
    return Verdict(CHANGED, previous.revision + 1, previous.content_hash, key_hash)


def delivered_state(url: str, record: dict, verdict: Verdict, extracted_hash: str,
                    validators: Validators, seen_at: str) -> PageState:
    """The page state to remember once ``record`` (its final JSON form) was delivered."""
    return PageState(
        url=url_key(url),
        record_id=record["id"],
        revision=verdict.revision,
        content_hash=record["content_hash"],
        extracted_hash=extracted_hash,
        key_hash=verdict.key_hash,
        last_seen=seen_at,
        validators=validators,
    )


def not_newer(lastmod: str | None, last_seen: str | None) -> bool:
    """Whether a sitemap/feed date says the page has not changed since ``last_seen``.

    A date without a time counts as the end of that day, so a change later on the day of
    the last visit is never skipped; an unreadable date is never a reason to skip.
    """
    if not lastmod or not last_seen:
        return False
    modified = _moment(lastmod)
    seen = _moment(last_seen)
    if modified is None or seen is None:
        return False
    return modified <= seen


def _moment(value: str) -> datetime | None:
    value = value.strip()
    try:
        if len(value) == 10:  # YYYY-MM-DD
            return datetime.fromisoformat(value).replace(tzinfo=UTC) + timedelta(days=1)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)  # RSS: "Tue, 10 Jun 2003 04:00:00 GMT"
        except (TypeError, ValueError, IndexError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
