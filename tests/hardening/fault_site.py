"""The fault site: every hostile behaviour the crawler must survive, with ground truth.

``build_fault_site(base, seed)`` gives the routes for a :class:`FaultServer` and, for every
page URL the index links to, the outcome the crawl must reach: a record, or an errors-output
entry with a named stage and reason (or a duplicate of another page). Article text is drawn
from ``seed``, so the same seed always serves the same bytes.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field
from functools import cache

from .fault_server import (
    HTML,
    Drip,
    Dynamic,
    Endless,
    Page,
    Reset,
    Route,
    Sequence,
    Stall,
    Streamed,
    Truncated,
)

RECORD, ERROR, DUPLICATE = "record", "error", "duplicate"
STALL_SECONDS = 60.0  # far beyond any limit under test: only a limit ends these answers
BOMB_BYTES = 900 * 1024 * 1024  # decompressed size of the gzip bomb
HUGE_BYTES = 128 * 1024 * 1024  # the over-size page's honest Content-Length

_SENTENCES = (
    "The harbour authority confirmed on Monday that the northern pier will reopen in May.",
    "Engineers found that the storm had damaged less of the structure than first feared.",
    "Local fishermen said the closure had cost them most of the winter season.",
    "The city council set aside emergency money for repairs after a short debate.",
    "A spokesperson said divers had inspected every pillar beneath the waterline.",
    "Shops along the promenade reported fewer visitors during the months of work.",
    "The regional transport office will add evening ferries once the pier reopens.",
    "Residents were invited to a public meeting about the final stage of the project.",
    "Critics asked why the inspection report had taken so long to be published.",
    "The mayor thanked the crews who worked through the coldest weeks of the year.",
)


@dataclass(frozen=True)
class Expect:
    outcome: str  # record | error | duplicate
    stage: str = ""
    reason: str = ""
    phrase: str = ""  # a record's text must contain it (charset cases)
    message: str = ""  # an error's message must contain it (content types found)


@dataclass
class FaultSite:
    routes: dict[str, Route] = field(default_factory=dict)
    prefix_routes: dict[str, Route] = field(default_factory=dict)
    expected: dict[str, Expect] = field(default_factory=dict)  # linked page -> outcome
    extra_links: list[str] = field(default_factory=list)  # linked, judged by their own tests
    sitemaps: list[str] = field(default_factory=list)  # configured on the source
    feeds: list[str] = field(default_factory=list)
    documents: dict[str, Expect] = field(default_factory=dict)  # sitemap/feed -> outcome
    discovered: dict[str, Expect] = field(default_factory=dict)  # pages only they list

    def add(self, path: str, route: Route, expect: Expect) -> None:
        self.routes[path] = route
        self.expected[path] = expect


def article_html(seed: int, n: int, *, title: str | None = None, canonical: str = "",
                 extra_head: str = "") -> bytes:
    rng = random.Random(seed * 100_003 + n)
    title = title or f"Harbour report {n}"
    paragraphs = "\n".join(
        f"<p>Report {n}, part {p + 1}. " + " ".join(rng.sample(_SENTENCES, 4)) + "</p>"
        for p in range(5))
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"{link}{extra_head}</head><body><article><h1>{title}</h1>\n{paragraphs}\n"
            f"<p>End of report {n}.</p></article></body></html>").encode()


def listing_html(title: str, links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<ul>{items}</ul></body></html>").encode()


def build_fault_site(base: str, seed: int = 7) -> FaultSite:
    site = FaultSite()
    for add in (_retries, _timeouts, _truncation, _content_types, _redirects, _size,
                _charsets):
        add(site, seed)
    _canonical(site, seed)
    _traps(site, seed)
    _discovery_documents(site, base, seed)
    site.routes["/"] = Page(200, listing_html("Fault index",
                                              [*site.expected, *site.extra_links]))
    site.routes["/robots.txt"] = Page(200, b"User-agent: *\nDisallow: /private/\n",
                                      {"Content-Type": "text/plain"})
    return site


def _retries(site: FaultSite, seed: int) -> None:
    ok = Page(200, article_html(seed, 1))
    site.add("/f/503-then-ok", Sequence((Page(503), Page(503), ok)), Expect(RECORD))
    site.add("/f/always-500", Page(500), Expect(ERROR, "fetch", "http_500"))
    site.add("/f/429-retry-after", Sequence((Page(429, b"", {"Retry-After": "1"}),
                                             Page(200, article_html(seed, 2)))), Expect(RECORD))
    site.add("/f/reset-then-ok", Sequence((Reset(), Page(200, article_html(seed, 3)))),
             Expect(RECORD))
    site.add("/f/always-reset", Reset(), Expect(ERROR, "fetch", "connection_lost"))


def _timeouts(site: FaultSite, seed: int) -> None:
    site.add("/f/stall-body", Stall(STALL_SECONDS, first=article_html(seed, 4)[:300]),
             Expect(ERROR, "fetch", "idle_timeout"))
    site.add("/f/stall-headers", Stall(STALL_SECONDS, headers=False),
             Expect(ERROR, "fetch", "idle_timeout"))
    site.add("/f/drip", Drip(size=400_000, chunk=100, every=0.2),
             Expect(ERROR, "fetch", "total_timeout"))


def _truncation(site: FaultSite, seed: int) -> None:
    body = article_html(seed, 5)
    site.add("/f/truncated", Truncated(body[: len(body) // 2], len(body)),
             Expect(ERROR, "fetch", "truncated"))
    whole = article_html(seed, 6)
    site.add("/f/truncated-then-ok",
             Sequence((Truncated(whole[:400], len(whole)), Page(200, whole))),
             Expect(RECORD, phrase="End of report 6."))


def _content_types(site: FaultSite, seed: int) -> None:
    pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"0" * 2000 + b"\n%%EOF\n"
    png = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + bytes(range(256)) * 8
    jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0" + bytes(range(256)) * 8
    not_html = "not_html"
    site.add("/f/empty-200", Page(200, b""), Expect(ERROR, "fetch", "empty_body"))
    site.add("/f/pdf", Page(200, pdf, {"Content-Type": "application/pdf"}),
             Expect(ERROR, "fetch", not_html, message="application/pdf"))
    site.add("/f/pdf-as-html", Page(200, pdf), Expect(ERROR, "fetch", not_html,
                                                      message="application/pdf"))
    site.add("/f/png-as-html", Page(200, png), Expect(ERROR, "fetch", not_html,
                                                      message="image/png"))
    site.add("/f/jpeg-as-html", Page(200, jpeg), Expect(ERROR, "fetch", not_html,
                                                        message="image/jpeg"))
    site.add("/f/html-unlabelled", Page(200, article_html(seed, 7), {}), Expect(RECORD))


def _redirects(site: FaultSite, seed: int) -> None:
    def moved(to: str, status: int = 302) -> Page:
        return Page(status, b"", {"Location": to})

    def refresh(to: str) -> Page:
        return Page(200, f'<html><head><meta http-equiv="refresh" content="0; url={to}">'
                         f"</head><body>moved</body></html>".encode())

    loop = Expect(ERROR, "fetch", "redirect_loop")
    site.add("/f/loop-a", moved("/f/loop-b"), loop)
    site.routes["/f/loop-b"] = moved("/f/loop-a")
    site.add("/f/loop-self", moved("/f/loop-self", 301), loop)
    site.add("/f/refresh-a", refresh("/f/refresh-b"), loop)
    site.routes["/f/refresh-b"] = refresh("/f/refresh-a")
    site.add("/f/chain/0", moved("/f/chain/1"), Expect(ERROR, "fetch", "too_many_redirects"))
    for hop in range(1, 40):
        site.routes[f"/f/chain/{hop}"] = moved(f"/f/chain/{hop + 1}")
    site.add("/f/short-chain/0", moved("/f/short-chain/1"), Expect(RECORD))
    site.routes["/f/short-chain/1"] = moved("/f/short-chain/2", 301)
    site.routes["/f/short-chain/2"] = moved("/f/short-chain/end", 307)
    site.routes["/f/short-chain/end"] = Page(200, article_html(seed, 8))


def _size(site: FaultSite, seed: int) -> None:
    too_large = Expect(ERROR, "fetch", "too_large")
    site.add("/f/huge", Streamed(HUGE_BYTES), too_large)
    site.add("/f/endless", Endless(), too_large)
    site.add("/f/gzip-bomb", Page(200, gzip_bomb(), {**HTML, "Content-Encoding": "gzip"}),
             too_large)


@cache
def gzip_bomb(size: int = BOMB_BYTES) -> bytes:
    """``size`` bytes of an HTML page (mostly zeros) gzipped to about size/1000."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * (1024 * 1024)
    parts = [packer.compress(b"<html><body><p>")]
    parts += [packer.compress(zeros) for _ in range(size // len(zeros))]
    parts.append(packer.flush())
    return b"".join(parts)


_GERMAN = ("Grüße aus Köln: Die Straßenbahn fährt wieder über die Brücke, und die Bürger "
           "freuen sich über die schöne Aussicht auf den Dom. ")
_CHINESE = ("北京市政府周一宣布，城市北部的新公园将于五月向公众开放，"
            "市民可以在湖边散步、骑车和观看鸟类。")
_FRENCH = "Le café du théâtre a rouvert ses portes; les habitués sont ravis de la qualité. "


def _charset_page(title: str, paragraph: str, meta: str = "") -> str:
    body = "\n".join(f"<p>{paragraph * 3}</p>" for _ in range(4))
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def _charsets(site: FaultSite, seed: int) -> None:
    plain = {"Content-Type": "text/html"}
    german = _charset_page("Köln heute", _GERMAN)
    site.add("/f/cs/utf8-labelled-latin1",
             Page(200, german.encode(), {"Content-Type": "text/html; charset=iso-8859-1"}),
             Expect(RECORD, phrase="Straßenbahn fährt"))
    chinese = _charset_page("北京新闻", _CHINESE)
    site.add("/f/cs/gbk-unlabelled", Page(200, chinese.encode("gbk"), plain),
             Expect(RECORD, phrase="北京市政府周一宣布"))
    site.add("/f/cs/utf16-bom", Page(200, chinese.encode("utf-16"), plain),
             Expect(RECORD, phrase="北京市政府周一宣布"))
    french = _charset_page("Le café", _FRENCH, '<meta charset="windows-1252">')
    site.add("/f/cs/meta-lies", Page(200, french.encode(), plain),
             Expect(RECORD, phrase="Le café du théâtre"))
    broken = german.encode().replace(b"Dom.", b"Dom.\xff\xfe\xc3", 1)  # one stray run
    site.add("/f/cs/invalid-bytes", Page(200, broken, {"Content-Type": "text/html; "
                                                                       "charset=utf-8"}),
             Expect(RECORD, phrase="Straßenbahn fährt"))
    # A windows-1252 snippet after every paragraph of a UTF-8 page: many invalid runs.
    mixed = german.encode().replace(b"Dom. ", "Dom. Grüße – Café. ".encode("cp1252"))
    site.add("/f/cs/many-invalid-runs",
             Page(200, mixed, {"Content-Type": "text/html; charset=windows-1250"}),
             Expect(RECORD, phrase="Straßenbahn fährt"))
    junk = bytes((0x80 + i * 37 % 0x80) if i % 3 else 0x61 + i % 26 for i in range(6000))
    site.add("/f/cs/no-charset-fits",
             Page(200, _charset_page("Nachrichten", "").encode().replace(b"<p>", b"<p>" + junk),
                  {"Content-Type": "text/html; charset=utf-8"}),
             Expect(ERROR, "extract", "decoding_failed"))


# -- canonical URLs, traps, discovery documents: judged by their own tests --------------------

CANONICAL_VARIANTS = (
    "/f/canon/story?utm_source=news&utm_medium=email",
    "/f/canon/story?fbclid=IwAR0abc",
    "/f/canon/story?gclid=Cj0KCQ",
    "/f/canon/story#comments",
    "/f/canon/story",
    "/f/canon/query?b=2&a=1&utm_campaign=x",
    "/f/canon/query?a=1&b=2",
    "/f/canon/session;jsessionid=0F3A9C1B2D",
    "/f/canon/session?PHPSESSID=a1b2c3d4e5",
    "/f/canon/session?sid=77aa88bb99",
)
REL_CANONICAL_COPIES = ("/f/canon/amp/9", "/f/canon/print/9")
REL_CANONICAL_TARGET = "/f/canon/article-9"


def _canonical(site: FaultSite, seed: int) -> None:
    site.routes["/f/canon/story"] = Page(200, article_html(seed, 10))
    site.routes["/f/canon/query"] = Page(200, article_html(seed, 11))
    site.routes["/f/canon/session"] = Page(200, article_html(seed, 12))
    site.routes["/f/canon/session;jsessionid=0F3A9C1B2D"] = site.routes["/f/canon/session"]
    for path in REL_CANONICAL_COPIES:
        site.routes[path] = Page(200, article_html(seed, 9, canonical=REL_CANONICAL_TARGET))
    site.extra_links += [*CANONICAL_VARIANTS, *REL_CANONICAL_COPIES]


TRAP_STARTS = ("/f/trap/list?page=1", "/f/trap/cal/2024/01/", "/f/trap/sid/4f2a9c/",
               "/f/trap/deep/a/")


def _traps(site: FaultSite, seed: int) -> None:
    site.prefix_routes["/f/trap/list"] = Dynamic(_pagination_trap)
    site.prefix_routes["/f/trap/cal/"] = Dynamic(_calendar_trap)
    site.prefix_routes["/f/trap/sid/"] = Dynamic(_session_trap)
    site.prefix_routes["/f/trap/deep/"] = Dynamic(_deep_trap)
    site.extra_links += list(TRAP_STARTS)


def _pagination_trap(target: str) -> Route:
    page = int(target.rsplit("=", 1)[1])
    return Page(200, listing_html(f"Archive page {page}", [f"/f/trap/list?page={page + 1}"]))


def _calendar_trap(target: str) -> Route:
    year, month = (int(x) for x in target.strip("/").split("/")[-2:])
    nxt = (year + month // 12, month % 12 + 1)
    prev = (year - (month == 1), (month - 2) % 12 + 1)
    links = [f"/f/trap/cal/{y:04d}/{m:02d}/" for y, m in (nxt, prev)]
    return Page(200, listing_html(f"Events {year}-{month:02d}", links))


def _session_trap(target: str) -> Route:
    token = f"{zlib.crc32(target.encode()):08x}"  # a new "session" on every page
    return Page(200, listing_html("Welcome", [f"/f/trap/sid/{token}/"]))


def _deep_trap(target: str) -> Route:
    return Page(200, listing_html("Folder", [target + "a/"]))


def _discovery_documents(site: FaultSite, base: str, seed: int) -> None:
    """Sitemaps and feeds are configured on the source; see tests/hardening/test_xml.py."""
    from .xml_cases import add_xml_cases

    add_xml_cases(site, base, seed)
