"""UTC timestamps in the one format every output uses."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now_iso() -> str:
    """Now, UTC, ISO 8601 with a "Z" and whole seconds: ``2025-01-01T12:00:00Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def run_id_now() -> str:
    """A run id that sorts by time and is safe in a file name: ``20250101T120000Z``."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
