"""The site a record belongs to, for template memory and dedup: its host, "www." dropped."""

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
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host
