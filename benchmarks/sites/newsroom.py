"""A synthetic news site, generated deterministically: "The Daily Thresher".

Article pages weigh 50–150 KB like real ones, and for the same reasons: a site-wide inline
stylesheet and analytics/ad scripts, a mega-menu, a cookie banner, share rows, sidebars,
related links, reader comments, a footer, and a JSON state blob (the "__NEXT_DATA__" kind)
that repeats recommendations. Inside all that sits a real article body: headline, byline,
date, paragraphs, subheadings, a list and a quote. Listing pages, a home page, a sitemap
index with child sitemaps, an RSS feed and robots.txt tie it together.

The same ``SiteSpec`` always gives byte-identical pages. Links are relative; only the
sitemaps, the feed, robots.txt and canonical links carry ``base_url``.
"""

from __future__ import annotations

import json
import random
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

SITE_NAME = "The Daily Thresher"
HTML_TYPE = "text/html; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"
MIN_ARTICLE_BYTES = 50_000
MAX_ARTICLE_BYTES = 150_000
_WORDS = tomllib.loads((Path(__file__).with_name("words.toml")).read_text("utf-8"))
_EPOCH = datetime(2024, 1, 1, 6, 0, tzinfo=UTC)


@dataclass(frozen=True)
class SiteSpec:
    pages: int = 2000  # article pages
    seed: int = 7
    per_listing: int = 30  # article links per listing page
    per_sitemap: int = 500  # URLs per child sitemap


@dataclass(frozen=True)
class Page:
    path: str
    content_type: str
    body: bytes


@dataclass(frozen=True)
class ArticleMeta:
    id: int
    section: str
    title: str
    path: str
    published: datetime
    author: str
    standfirst: str


def build_site(spec: SiteSpec, base_url: str) -> dict[str, Page]:
    """Every page of the site by path."""
    base_url = base_url.rstrip("/")
    rng = random.Random(spec.seed)
    sentences = _sentence_pool(rng, 6000)
    articles = [_article_meta(spec, i, sentences) for i in range(1, spec.pages + 1)]
    per_section = -(-spec.pages // len(_WORDS["sections"]))
    chrome = _Chrome.make(rng, listing_pages=-(-per_section // spec.per_listing))
    pages: dict[str, Page] = {}
    for meta in articles:
        body = _article_page(spec, meta, articles, sentences, chrome, base_url)
        pages[meta.path] = Page(meta.path, HTML_TYPE, body)
    for page in _listing_pages(spec, articles, chrome, base_url):
        pages[page.path] = page
    for page in _sitemaps(spec, articles, base_url):
        pages[page.path] = page
    pages["/feed.xml"] = _feed(articles, base_url)
    robots = f"User-agent: *\nAllow: /\nSitemap: {base_url}/sitemap.xml\n"
    pages["/robots.txt"] = Page("/robots.txt", "text/plain; charset=utf-8", robots.encode())
    return pages


def article_paths(pages: dict[str, Page]) -> list[str]:
    return sorted(p for p in pages if p.startswith("/news/"))


# --- text -------------------------------------------------------------------------------


def _sentence_pool(rng: random.Random, count: int) -> list[str]:
    return [_sentence(rng) for _ in range(count)]


def _sentence(rng: random.Random) -> str:
    w = _WORDS
    subject = f"the {rng.choice(w['adjectives'])} {rng.choice(w['nouns'])}"
    if rng.random() < 0.3:
        subject = f"{rng.choice(w['first_names'])} {rng.choice(w['last_names'])}"
    clause = (f"{subject} {rng.choice(w['adverbs'])} {rng.choice(w['verbs'])} the "
              f"{rng.choice(w['nouns'])} {rng.choice(w['prepositions'])} the "
              f"{rng.choice(w['adjectives'])} {rng.choice(w['nouns'])}")
    if rng.random() < 0.5:
        clause += (f" in {rng.choice(w['places'])}, where the {rng.choice(w['nouns'])} "
                   f"{rng.choice(w['verbs'])} a {rng.choice(w['adjectives'])} "
                   f"{rng.choice(w['nouns'])}")
    if rng.random() < 0.25:
        clause = f"{rng.choice(w['connectors'])} {clause}"
    return clause[0].upper() + clause[1:] + "."


def _title(rng: random.Random) -> str:
    w = _WORDS
    return (f"{rng.choice(w['places'])} {rng.choice(w['nouns'])} "
            f"{rng.choice(w['verbs'])} {rng.choice(w['adjectives'])} "
            f"{rng.choice(w['nouns'])} plan").capitalize()


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_WORDS['first_names'])} {rng.choice(_WORDS['last_names'])}"


def _paragraph(rng: random.Random, sentences: list[str]) -> str:
    return " ".join(rng.choices(sentences, k=rng.randint(3, 6)))


# --- site chrome (the same on every page, as on a real site) ------------------------------


@dataclass(frozen=True)
class _Chrome:
    css: str
    head_js: str
    nav: str
    footer: str
    tail_js: str

    @classmethod
    def make(cls, rng: random.Random, listing_pages: int) -> _Chrome:
        return cls(_css(rng), _analytics_js(rng), _nav(listing_pages), _footer(), _tail_js(rng))


def _css(rng: random.Random) -> str:
    blocks = ["body{margin:0;font-family:Georgia,serif;color:#222}a{color:#0645ad}"]
    for i in range(150):
        colour = f"{rng.randrange(0x1000000):06x}"
        blocks.append(
            f".c-{rng.choice(_WORDS['nouns'])}-{i}__item--{i % 7}{{display:flex;"
            f"margin:0 0 {i % 24}px;padding:{i % 9}px {i % 13}px;color:#{colour};"
            f"font-size:{0.7 + (i % 10) / 10:.1f}rem;line-height:1.{i % 8}}}")
    blocks.append("@media (max-width:720px){.sidebar{display:none}.story{padding:0 12px}}")
    return "\n".join(blocks)


def _analytics_js(rng: random.Random) -> str:
    events = ",".join(f'"evt_{rng.choice(_WORDS["nouns"])}_{i}":{{"sample":0.{i % 9},'
                      f'"dims":["section","author","page_type"]}}' for i in range(60))
    return ("(function(w,d){w.dataLayer=w.dataLayer||[];function gtag(){dataLayer.push("
            "arguments)}gtag('js',new Date());var cfg={" + events + "};"
            "for(var k in cfg){if(Math.random()<cfg[k].sample){gtag('event',k,cfg[k])}}"
            "var s=d.createElement('script');s.async=1;s.src='/static/ads.js';"
            "d.head.appendChild(s)})(window,document);")


def _tail_js(rng: random.Random) -> str:
    slots = ",".join(f'{{"slot":"ad-{i}","sizes":[[300,250],[728,90]],'
                     f'"floor":{rng.randint(1, 90) / 100}}}' for i in range(40))
    return ("window.__ADS__={slots:[" + slots + "]};"
            "document.querySelectorAll('.share button').forEach(function(b){b.onclick="
            "function(){navigator.share&&navigator.share({url:location.href})}});")


def _nav(listing_pages: int) -> str:
    items = []
    for section in _WORDS["sections"]:
        sub = "".join(f'<li><a href="/section/{section}/page/{n}/">{section.title()} '
                      f'archive {n}</a></li>' for n in range(2, min(8, listing_pages + 1)))
        items.append(f'<li class="menu-item"><a href="/section/{section}/">'
                     f'{section.title()}</a><ul class="sub-menu">{sub}</ul></li>')
    return f'<ul class="menu">{"".join(items)}</ul>'


def _footer() -> str:
    columns = []
    for title in ("About us", "Sections", "Services", "Legal"):
        links = "".join(f'<li><a href="/{"about" if n % 2 else "contact"}.html">'
                        f'{title} link {n}</a></li>' for n in range(8))
        columns.append(f'<div class="footer-col"><h4>{title}</h4><ul>{links}</ul></div>')
    return ('<footer class="site-footer">' + "".join(columns)
            + f"<p>Copyright © 2024 {SITE_NAME}. All rights reserved. Powered by NewsPress. "
              '<a href="/sitemap.xml">Sitemap</a></p><a href="#top">Back to top</a></footer>')


def _head(title: str, description: str, canonical: str, chrome: _Chrome, extra: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)} | {SITE_NAME}</title>"
        f'<meta name="description" content="{escape(description)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="canonical" href="{canonical}">'
        f'<meta property="og:site_name" content="{SITE_NAME}">'
        f'<meta property="og:title" content="{escape(title)}">'
        f"{extra}<style>{chrome.css}</style><script>{chrome.head_js}</script></head>"
    )


def _top_of_body(chrome: _Chrome, page_class: str) -> str:
    return (
        f'<body class="{page_class}"><a id="top"></a>'
        '<div id="cookie-banner" class="cookie-banner">We use cookies to improve your '
        'experience. <a href="/about.html">Learn more</a> <button>Accept all</button></div>'
        f'<header class="site-header"><a href="/" class="logo">{SITE_NAME}</a>'
        f'<nav class="main-nav">{chrome.nav}</nav><form class="search" action="/search">'
        '<input name="q" placeholder="Search for"><button>Search</button></form></header>'
        '<div class="ad-slot" id="ad-top"><!-- ad: leaderboard --></div>'
    )


# --- articles ----------------------------------------------------------------------------


def _article_meta(spec: SiteSpec, article_id: int, sentences: list[str]) -> ArticleMeta:
    rng = random.Random(spec.seed * 1_000_003 + article_id)
    section = _WORDS["sections"][article_id % len(_WORDS["sections"])]
    title = _title(rng)
    published = _EPOCH + timedelta(hours=article_id * 3, minutes=rng.randint(0, 59))
    slug = "-".join(title.lower().split()[:6])
    path = f"/news/{section}/{published:%Y/%m}/{slug}-{article_id}.html"
    return ArticleMeta(article_id, section, title, path, published, _name(rng),
                       " ".join(rng.choices(sentences, k=2)))


def _article_page(spec: SiteSpec, meta: ArticleMeta, articles: list[ArticleMeta],
                  sentences: list[str], chrome: _Chrome, base_url: str) -> bytes:
    rng = random.Random(spec.seed * 7_000_003 + meta.id)
    target = rng.randint(MIN_ARTICLE_BYTES + 2_000, MAX_ARTICLE_BYTES - 2_000)
    related = [articles[(meta.id * 7 + j * 13) % len(articles)] for j in range(6)]
    trending = [articles[(meta.id * 31 + j * 17) % len(articles)] for j in range(10)]
    body_html, body_text = _story_body(rng, sentences, related[0])
    json_ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": meta.title,
        "datePublished": meta.published.isoformat(), "author": {"@type": "Person",
                                                                "name": meta.author},
        "publisher": {"@type": "Organization", "name": SITE_NAME},
    })
    extra = (f'<meta property="article:published_time" content="{meta.published.isoformat()}">'
             f'<meta name="author" content="{meta.author}">'
             f'<script type="application/ld+json">{json_ld}</script>')
    parts = [
        _head(meta.title, meta.standfirst, base_url + meta.path, chrome, extra),
        _top_of_body(chrome, "article-page"),
        '<div class="layout"><main><article class="story">',
        f'<nav class="breadcrumbs"><a href="/">Home</a> › <a href="/section/{meta.section}/">'
        f"{meta.section.title()}</a></nav>",
        f'<h1 class="headline">{escape(meta.title)}</h1>',
        f'<p class="standfirst">{escape(meta.standfirst)}</p>',
        f'<div class="byline">By <a rel="author" href="/about.html">{meta.author}</a> · '
        f'<time datetime="{meta.published.isoformat()}">{meta.published:%d %B %Y, %H:%M}</time>'
        "</div>",
        '<div class="share"><button>Facebook</button><button>Twitter</button>'
        "<button>Email</button><button>Copy link</button></div>",
        f'<figure><img src="/img/{meta.id}.jpg" alt="{escape(meta.title)}" width="800" '
        f'height="450"><figcaption>{escape(rng.choice(sentences))} Photo: '
        f"{_name(rng)}</figcaption></figure>",
        f'<div class="story-body">{body_html}</div>',
        f'<div class="tags">Tags: {", ".join(rng.sample(_WORDS["nouns"], 4))}</div>',
        "</article>",
        _link_list("related", "Related stories", related),
        _comments(rng, sentences),
        "</main>",
        '<aside class="sidebar">', _link_list("trending", "Trending now", trending),
        '<div class="newsletter"><h3>Newsletter</h3><p>Get the morning briefing in your '
        "inbox.</p><input placeholder=\"Email\"><button>Sign up</button></div></aside></div>",
        chrome.footer,
    ]
    page = "".join(parts)
    tail = f"<script>{chrome.tail_js}</script></body></html>"
    state = _state_blob(rng, meta, body_text, articles, sentences,
                        room=target - len(page.encode()) - len(tail))
    return (page + state + tail).encode("utf-8")


def _story_body(rng: random.Random, sentences: list[str],
                read_more: ArticleMeta) -> tuple[str, str]:
    paragraphs = [_paragraph(rng, sentences) for _ in range(rng.randint(9, 22))]
    html: list[str] = []
    for n, text in enumerate(paragraphs):
        if n and n % 6 == 0:
            html.append(f"<h2>{escape(rng.choice(sentences)[:-1])}</h2>")
        html.append(f"<p>{escape(text)}</p>")
        if n == 3:
            html.append(f'<div class="read-more">Read more: <a href="{read_more.path}">'
                        f"{escape(read_more.title)}</a></div>")
        if n == 5:
            items = "".join(f"<li>{escape(s)}</li>" for s in rng.choices(sentences, k=4))
            html.append(f"<p>This affected:</p><ul>{items}</ul>")
        if n == 8:
            html.append(f"<blockquote><p>{escape(rng.choice(sentences))}</p></blockquote>")
    return "".join(html), "\n\n".join(paragraphs)


def _link_list(css_class: str, heading: str, articles: list[ArticleMeta]) -> str:
    items = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a></li>' for a in articles)
    return f'<section class="{css_class}"><h3>{heading}</h3><ul>{items}</ul></section>'


def _comments(rng: random.Random, sentences: list[str]) -> str:
    count = rng.randint(3, 30)
    items = "".join(
        f'<li class="comment"><span class="comment-author">{_name(rng)}</span> '
        f'<span class="comment-date">{rng.randint(1, 23)} hours ago</span>'
        f"<p>{escape(' '.join(rng.choices(sentences, k=rng.randint(1, 3))))}</p>"
        "<button>Reply</button> <button>Like</button></li>" for _ in range(count))
    return f'<section id="comments"><h2>{count} comments</h2><ol>{items}</ol></section>'


def _state_blob(rng: random.Random, meta: ArticleMeta, body_text: str,
                articles: list[ArticleMeta], sentences: list[str], room: int) -> str:
    """The page's JSON state: the article again plus recommendations, padding to the target."""
    state: dict = {"page": {"id": meta.id, "section": meta.section, "title": meta.title,
                            "body": body_text}, "recommendations": []}
    size = len(json.dumps(state))
    while size < room - 600:
        pick = articles[rng.randrange(len(articles))]
        entry = {"id": pick.id, "url": pick.path, "title": pick.title,
                 "teaser": " ".join(rng.choices(sentences, k=2)), "score": rng.random()}
        state["recommendations"].append(entry)
        size += len(json.dumps(entry)) + 2
    blob = json.dumps(state).replace("</", "<\\/")
    return f'<script id="__STATE__" type="application/json">{blob}</script>'


# --- listings, sitemaps, feed ------------------------------------------------------------


def _listing_pages(spec: SiteSpec, articles: list[ArticleMeta], chrome: _Chrome,
                   base_url: str) -> Iterator[Page]:
    newest_first = sorted(articles, key=lambda a: a.published, reverse=True)
    yield _listing("/", "Latest news", newest_first[:spec.per_listing], None, chrome, base_url)
    for section in _WORDS["sections"]:
        items = [a for a in newest_first if a.section == section]
        chunks = [items[i:i + spec.per_listing] for i in range(0, len(items), spec.per_listing)]
        for number, chunk in enumerate(chunks or [[]], start=1):
            path = f"/section/{section}/" if number == 1 else f"/section/{section}/page/{number}/"
            next_path = (f"/section/{section}/page/{number + 1}/"
                         if number < len(chunks) else None)
            yield _listing(path, f"{section.title()} — page {number}", chunk, next_path,
                           chrome, base_url)
    for path in ("/about.html", "/contact.html"):
        yield _listing(path, path.strip("/.html").title(), [], None, chrome, base_url)


def _listing(path: str, title: str, items: list[ArticleMeta], next_path: str | None,
             chrome: _Chrome, base_url: str) -> Page:
    teasers = "".join(
        f'<li class="teaser"><a href="{a.path}"><h3>{escape(a.title)}</h3></a>'
        f"<p>{escape(a.standfirst)}</p><time>{a.published:%d %b %Y}</time></li>" for a in items)
    more = f'<a class="next" rel="next" href="{next_path}">Next page</a>' if next_path else ""
    html = (_head(title, title, base_url + path, chrome, "") + _top_of_body(chrome, "listing")
            + f'<main><h1>{escape(title)}</h1><ul class="teasers">{teasers}</ul>{more}</main>'
            + chrome.footer + "</body></html>")
    return Page(path, HTML_TYPE, html.encode("utf-8"))


def _sitemaps(spec: SiteSpec, articles: list[ArticleMeta], base_url: str) -> Iterator[Page]:
    children = []
    for start in range(0, len(articles), spec.per_sitemap):
        number = start // spec.per_sitemap + 1
        path = f"/sitemaps/news-{number}.xml"
        urls = "".join(f"<url><loc>{base_url}{a.path}</loc>"
                       f"<lastmod>{a.published.isoformat()}</lastmod></url>"
                       for a in articles[start:start + spec.per_sitemap])
        xml = ('<?xml version="1.0" encoding="UTF-8"?>'
               f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
        children.append(path)
        yield Page(path, XML_TYPE, xml.encode())
    entries = "".join(f"<sitemap><loc>{base_url}{p}</loc></sitemap>" for p in children)
    index = ('<?xml version="1.0" encoding="UTF-8"?>'
             f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
             "</sitemapindex>")
    yield Page("/sitemap.xml", XML_TYPE, index.encode())


def _feed(articles: list[ArticleMeta], base_url: str) -> Page:
    newest = sorted(articles, key=lambda a: a.published, reverse=True)[:50]
    items = "".join(f"<item><title>{escape(a.title)}</title><link>{base_url}{a.path}</link>"
                    f"<pubDate>{a.published:%a, %d %b %Y %H:%M:%S +0000}</pubDate></item>"
                    for a in newest)
    xml = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
           f"<title>{SITE_NAME}</title><link>{base_url}/</link>{items}</channel></rss>")
    return Page("/feed.xml", "application/rss+xml; charset=utf-8", xml.encode())
