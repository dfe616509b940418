"""Which record of a near-duplicate group is the original.

The copies usually say where the story came from ("source: NBC News"): the member published
by that outlet is the original. With no credit, or no member from the credited outlet, the
earliest published member is; undated members come after dated ones, ties go to the first
seen.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from ..state import DedupEntry

_NOT_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_LEADING_ARTICLE = re.compile(r"^(the|la|le|el|die|der|das)\s+", re.IGNORECASE)
_FAR_FUTURE = datetime.max.replace(tzinfo=UTC)


def choose_original(members: Sequence[DedupEntry]) -> DedupEntry:
    """The original among ``members`` (at least one)."""
    if not members:
        raise ValueError("a group has at least one member")
    credit = credited_outlet(members)
    if credit:
        credited = [m for m in members if outlet_matches(m, credit)]
        if credited:
            return min(credited, key=_age_key)
    return min(members, key=_age_key)


def credited_outlet(members: Sequence[DedupEntry]) -> str | None:
    """The outlet most members credit (normalised), or ``None`` when none credits one."""
    credits = Counter(_norm(m.original_source) for m in members if m.original_source)
    credits.pop("", None)
    if not credits:
        return None
    return credits.most_common(1)[0][0]


def outlet_matches(member: DedupEntry, credit: str) -> bool:
    """Whether ``member`` is published by the outlet ``credit`` (normalised) names."""
    if member.site_name and _norm(member.site_name) == credit:
        return True
    labels = member.site.split(":")[0].split(".")
    # "nbcnews.com" for "NBC News", "theguardian.com" for "The Guardian", "reuters.com".
    host_names = {_NOT_ALNUM.sub("", label.casefold()) for label in labels[:-1] or labels}
    host_names.add(_NOT_ALNUM.sub("", "".join(labels[:-1]).casefold()))
    return credit in host_names or "the" + credit in host_names


def _norm(name: str | None) -> str:
    if not name:
        return ""
    return _NOT_ALNUM.sub("", _LEADING_ARTICLE.sub("", name.strip()).casefold())


def _age_key(member: DedupEntry) -> tuple[datetime, int]:
    return (_published(member.published_at), member.seen)


def _published(value: str | None) -> datetime:
    if not value:
        return _FAR_FUTURE
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return _FAR_FUTURE
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
