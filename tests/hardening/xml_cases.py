"""Sitemaps and feeds for the fault site: entity bombs, external entities, garbage, bombs.

Each document has a ground truth (an errors entry of its kind with a named reason, or used)
and the pages only it lists have theirs. ``SECRET_FILE``'s content must never show up in any
URL the crawler asks for.
"""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

from .fault_server import Page

if TYPE_CHECKING:
    from .fault_site import FaultSite

SECRET_FILE = "/etc/hostname"
XML = {"Content-Type": "application/xml"}
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'

_LAUGHS = """<!DOCTYPE lolz [
 <!ENTITY lol "lollollollollollollollollollol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""
_XXE = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{SECRET_FILE}">]>'


def _urlset(base: str, paths: list[str], doctype: str = "", loc_suffix: str = "") -> bytes:
    urls = "".join(f"<url><loc>{base}{p}{loc_suffix}</loc></url>" for p in paths)
    return f'<?xml version="1.0"?>{doctype}<urlset {_NS}>{urls}</urlset>'.encode()


def _rss(base: str, paths: list[str], doctype: str = "", title: str = "Feed") -> bytes:
    items = "".join(f"<item><title>{title}</title><link>{base}{p}</link></item>" for p in paths)
    return (f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>{title}'
            f"</title><link>{base}/</link>{items}</channel></rss>").encode()


def add_xml_cases(site: FaultSite, base: str, seed: int) -> None:
    from .fault_site import ERROR, RECORD, Expect, article_html

    def document(path: str, body: bytes, expect: Expect, kind: str,
                 headers: dict[str, str] | None = None) -> None:
        site.routes[path] = Page(200, body, headers or XML)
        site.documents[path] = expect
        (site.sitemaps if kind == "sitemap" else site.feeds).append(path)

    def listed(path: str, n: int) -> str:
        site.routes[path] = Page(200, article_html(seed, n))
        site.discovered[path] = Expect(RECORD)
        return path

    used = Expect(RECORD)
    entities = "xml_entities"
    document("/sm/ok.xml", _urlset(base, [listed("/f/xml/sm-1", 40), listed("/f/xml/sm-2", 41)]),
             used, "sitemap")
    document("/sm/xxe.xml", _urlset(base, ["/f/xml/xxe"], _XXE, "?leak=&xxe;"),
             Expect(ERROR, "extract", entities), "sitemap")
    document("/sm/laughs.xml", _urlset(base, ["/f/xml/laughs?x=&lol9;"], _LAUGHS),
             Expect(ERROR, "extract", entities), "sitemap")
    document("/sm/html.xml", b"<html><body><p>This is not a sitemap.</p></body></html>",
             Expect(ERROR, "extract", "invalid_sitemap"), "sitemap")
    document("/sm/garbage.xml.gz", b"\x1f\x8b\x08\x00" + bytes(range(200)),
             Expect(ERROR, "extract", "invalid_sitemap"), "sitemap",
             {"Content-Type": "application/x-gzip"})
    bomb = gzip.compress(b'<?xml version="1.0"?><urlset>' + b" " * (64 * 1024 * 1024), 9)
    document("/sm/bomb.xml.gz", bomb, Expect(ERROR, "fetch", "too_large"), "sitemap",
             {"Content-Type": "application/x-gzip"})
    whole = _urlset(base, [listed("/f/xml/sm-cut-1", 42), "/f/xml/sm-cut-2"])
    cut = whole[: whole.rindex(b"<url><loc>") + len(b"<url><loc>")]  # the 2nd <loc> cut off
    document("/sm/truncated.xml", cut, used, "sitemap")

    document("/feed/ok.xml", _rss(base, [listed("/f/xml/feed-1", 44)]), used, "feed")
    document("/feed/xxe.xml", _rss(base, ["/f/xml/feed-xxe"], _XXE, title="&xxe;"),
             Expect(ERROR, "extract", entities), "feed")
    document("/feed/laughs.xml", _rss(base, ["/f/xml/feed-laughs"], _LAUGHS, title="&lol9;"),
             Expect(ERROR, "extract", entities), "feed")
    document("/feed/garbage.xml", bytes(range(256)) * 4,
             Expect(ERROR, "extract", "invalid_feed"), "feed")
