"""The site a record belongs to, for template memory and dedup: its host, "www." dropped
(with the port when the URL names one: two servers on one machine are two sites)."""

from __future__ import annotations

from urllib.parse import urlsplit

from extractors import Article

UNKNOWN_SITE = "unknown"


def site_of(record: Article) -> str:
    """Host of the record's final, canonical or requested URL; the site name without one."""
    for url in (record.final_url, record.url, record.canonical_url):
        host = _host(url)
        if host:
            return host
    return (record.site_name or UNKNOWN_SITE).strip().casefold() or UNKNOWN_SITE


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return ""
    host = host[4:] if host.startswith("www.") else host
    return f"{host}:{port}" if host and port else host
