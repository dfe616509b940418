"""A small news site for crawl tests: articles, listings, a sitemap index, a feed, traps.

Every page is generated from its number, so tests can count what a crawl should produce:

* ``/news/<n>.html`` articles (``ARTICLES`` of them), each long enough to be a record;
* ``/`` and ``/section/page/<k>/`` listings linking to the articles (never records);
* ``/sitemap_index.xml`` -> itself (a loop), ``/sitemap-1.xml`` and ``/sitemap-2.xml.gz``;
* ``/feed.xml`` (RSS) with the newest articles;
* ``/broken.html`` (404 from a listing link), ``/moved/<n>.html`` (301 to an article),
  ``/robots.txt``, and ``/private-redirect.html`` (302 to 169.254.169.254; linked from
  nowhere, guard tests ask for it).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field

ARTICLES = 12
PER_LISTING = 6

_SENTENCES = (
    "The regional council approved the new budget after a long debate on Tuesday evening.",
    "Officials said the money would go to schools, roads and the public library network.",
    "Several members argued that the plan did not do enough for small businesses in town.",
    "Residents who attended the meeting asked pointed questions about rising property taxes.",
    "The mayor promised a public report on spending before the end of the next quarter.",
    "Local teachers welcomed the decision and said classrooms had waited years for repairs.",
    "A spokesperson for the transport office said work on the bridge would start in spring.",
    "Critics noted that similar promises had been made twice before without any result.",
)


@dataclass(frozen=True)
class Page:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def article_html(n: int) -> str:
    paragraphs = []
    for p in range(5):
        sentences = [_SENTENCES[(n + p + i) % len(_SENTENCES)] for i in range(4)]
        paragraphs.append(f"<p>Story {n}, part {p + 1}. " + " ".join(sentences) + "</p>")
    body = "\n".join(paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council story number {n} | Test Gazette</title>
<link rel="canonical" href="/news/{n}.html">
<meta property="article:published_time" content="2024-03-{(n % 27) + 1:02d}T08:00:00+00:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/section/page/1/">Section</a></nav></header>
<article><h1>Council story number {n}</h1>
<p class="byline">By Jane Reporter</p>
{body}
</article>
<aside><h3>More</h3><a href="/news/{(n % ARTICLES) + 1}.html">Next story</a></aside>
<footer>Copyright 2024 Test Gazette</footer>
</body></html>"""


def listing_html(title: str, numbers: list[int], extra_links: list[str]) -> str:
    items = "\n".join(
        f'<li><a href="/news/{n}.html">Council story number {n}</a></li>' for n in numbers)
    extras = "\n".join(f'<li><a href="{href}">{href}</a></li>' for href in extra_links)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>{title}</h1><ul>{items}
{extras}</ul></body></html>"""


def sitemap_xml(numbers: list[int]) -> str:
    urls = "\n".join(
        f"<url><loc>/news/{n}.html</loc><lastmod>2024-03-{(n % 27) + 1:02d}</lastmod></url>"
        for n in numbers)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls + "</urlset>")


def absolutize(xml: str, base: str) -> str:
    return xml.replace("<loc>/", f"<loc>{base}/").replace("<link>/", f"<link>{base}/")


def build_site(base: str) -> dict[str, Page]:
    """Every path of the site, with absolute URLs in the sitemap and feed (as sites do)."""
    html = {"Content-Type": "text/html; charset=utf-8"}
    xml = {"Content-Type": "application/xml"}
    pages: dict[str, Page] = {}
    for n in range(1, ARTICLES + 1):
        pages[f"/news/{n}.html"] = Page(200, article_html(n).encode(), html)
    numbers = list(range(1, ARTICLES + 1))
    chunks = [numbers[i:i + PER_LISTING] for i in range(0, ARTICLES, PER_LISTING)]
    for k, chunk in enumerate(chunks, start=1):
        extra = [f"/section/page/{k + 1}/"] if k < len(chunks) else []
        if k == 1:
            extra += ["/broken.html", "/moved/3.html"]
        pages[f"/section/page/{k}/"] = Page(
            200, listing_html(f"Section page {k}", chunk, extra).encode(), html)
    pages["/"] = Page(200, listing_html("Front page", numbers[:4], ["/section/page/1/"])
                      .encode(), html)
    half = ARTICLES // 2
    pages["/sitemap-1.xml"] = Page(200, absolutize(sitemap_xml(numbers[:half]), base).encode(),
                                   xml)
    pages["/sitemap-2.xml.gz"] = Page(
        200, gzip.compress(absolutize(sitemap_xml(numbers[half:]), base).encode()),
        {"Content-Type": "application/x-gzip"})
    pages["/sitemap_index.xml"] = Page(200, (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemap_index.xml</loc></sitemap>"  # a loop, seen in the wild
        f"<sitemap><loc>{base}/sitemap-1.xml</loc></sitemap>"
        f"<sitemap><loc>{base}/sitemap-2.xml.gz</loc></sitemap></sitemapindex>").encode(), xml)
    items = "".join(
        f"<item><title>Story {n}</title><link>/news/{n}.html</link>"
        f"<pubDate>Mon, 0{n % 9 + 1} Apr 2024 08:00:00 GMT</pubDate></item>"
        for n in numbers[-4:])
    pages["/feed.xml"] = Page(200, absolutize(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test Gazette</title>'
        f"<link>/</link>{items}</channel></rss>", base).encode(),
        {"Content-Type": "application/rss+xml"})
    pages["/robots.txt"] = Page(200, b"User-agent: *\nDisallow: /private/\n",
                                {"Content-Type": "text/plain"})
    pages["/moved/3.html"] = Page(301, b"", {"Location": f"{base}/news/3.html"})
    pages["/private-redirect.html"] = Page(
        302, b"", {"Location": "http://169.254.169.254/latest/meta-data/"})  # guard tests only
    return pages
