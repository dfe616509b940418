"""The service's notion of "now", injected so tests can control it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The wall clock, timezone-aware UTC (the default :data:`Clock`)."""
    return datetime.now(UTC)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with seconds, or None."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds")
