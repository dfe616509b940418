"""Where the page lives: site name, canonical URL (only when sane), description."""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html
from tld import get_fld

from .jsonld import JsonLdFacts


def site_name(head: MappingProxyType, facts: JsonLdFacts, url: str | None
              ) -> tuple[str | None, str | None]:
    """``(name, provenance)``: og:site_name, else the JSON-LD publisher, else the host."""
    if head.get("og:site_name"):
        return head["og:site_name"], "og:site_name"
    if facts.publisher:
        return facts.publisher, "jsonld"
    host = _host(url)
    return (host.removeprefix("www."), "url") if host else (None, None)


def host_names(url: str | None) -> tuple[str, ...]:
    """The host and the site's brand word ("news.sina.com.cn" -> "sina.com.cn", "sina")."""
    host = _host(url)
    if not host:
        return ()
    domain = get_fld(f"http://{host}", fail_silently=True) or host.removeprefix("www.")
    return (host.removeprefix("www."), domain, domain.split(".")[0])


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def canonical_url(tree: lxml_html.HtmlElement, head: MappingProxyType, url: str | None,
                  links: Iterable[lxml_html.HtmlElement] | None = None
                  ) -> tuple[str | None, str | None]:
    """``(url, provenance)``: rel=canonical, else og:url, when sane; else the page's URL.

    Sane: http(s), and on the same registrable site as ``url`` (an aggregator's canonical
    pointing at the outlet it copied is not this page's address); relative ones resolved.
    ``links``: the page's <link> elements in document order, when the caller has them.
    """
    link = next((link for link in (tree.iter("link") if links is None else links)
                 if "canonical" in (link.get("rel") or "").lower().split()), None)
    for source, href in (("link_canonical", link.get("href") if link is not None else None),
                         ("og:url", head.get("og:url"))):
        sane = _sane_url(href, url)
        if sane:
            return sane, source
    return (url, "url") if url else (None, None)


def _sane_url(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against ``base``, if it is an http(s) URL on the same site."""
    href = (href or "").strip()
    if not href or any(ch.isspace() for ch in href) or len(href) > 2048:
        return None
    try:
        resolved = urljoin(base, href) if base else href
        parts = urlsplit(resolved)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if base and not _same_site(parts.hostname, _host(base)):
        return None
    return resolved


def _same_site(host: str, other: str | None) -> bool:
    if not other:
        return False
    if host == other:
        return True
    mine = get_fld(f"http://{host}", fail_silently=True)
    return mine is not None and mine == get_fld(f"http://{other}", fail_silently=True)


def description(head: MappingProxyType, facts: JsonLdFacts) -> tuple[str | None, str | None]:
    """``(text, provenance)``: meta description, og:description, twitter, JSON-LD."""
    for key in ("description", "og:description", "twitter:description"):
        if head.get(key):
            return head[key], f"meta:{key}"
    if facts.description:
        return facts.description, "jsonld"
    return None, None
