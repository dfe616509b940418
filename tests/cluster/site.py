"""A 1,000-article news site for cluster crawls, generated from page numbers.

* ``/`` links to ``LISTINGS`` listing pages ``/list/<k>.html``, each linking to
  ``ARTICLES / LISTINGS`` articles;
* ``/news/<n>.html`` articles with their own text (words drawn by a seeded generator), each
  linking to three other articles and home, so every worker keeps finding links that other
  workers have already queued;
* every article carries the same short newsletter line inside its body: template memory has
  something to learn and strip;
* every ``COPY_EVERY``-th article is a syndicated copy of the one before it (same text and
  date, crediting "Test Gazette"), so near-duplicate groups and originals are exercised.
"""

from __future__ import annotations

import random

from tests.support.news_site import Page

ARTICLES = 1000
LISTINGS = 20
COPY_EVERY = 50
NEWSLETTER = "Subscribe to the Test Gazette newsletter for daily updates."
_WORDS = (
    "council", "budget", "river", "school", "harbor", "library", "bridge", "mayor", "teachers",
    "market", "rail", "station", "museum", "festival", "hospital", "weather", "farmers",
    "housing", "energy", "water", "police", "court", "election", "students", "park", "theatre",
    "airport", "factory", "workers", "tourism", "storm", "ferry", "bakery", "cyclists",
    "garden", "orchestra", "archive", "clinic", "tram", "harvest",
)


def article_paths() -> list[str]:
    return [f"/news/{n}.html" for n in range(ARTICLES)]


def is_copy(n: int) -> bool:
    return n % COPY_EVERY == COPY_EVERY - 1


def _paragraphs(n: int) -> list[str]:
    rng = random.Random(n)
    paragraphs = []
    for _ in range(4):
        sentences = []
        for _ in range(5):  # 50+ words: a paragraph, never a template line candidate
            words = [rng.choice(_WORDS) for _ in range(rng.randint(10, 14))]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    return paragraphs


def article_html(n: int) -> str:
    original = n - 1 if is_copy(n) else n
    paragraphs = _paragraphs(original)
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs[:2]) + f"\n<p>{NEWSLETTER}</p>\n" + \
        "\n".join(f"<p>{p}</p>" for p in paragraphs[2:])
    credit = '<p class="credit">Source: Test Gazette</p>' if is_copy(n) else ""
    links = " ".join(f'<a href="/news/{(n + step) % ARTICLES}.html">More</a>'
                     for step in (1, 7, 31))
    day = original % 28 + 1
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Report {n} | Test Gazette</title>
<meta property="article:published_time" content="2024-02-{day:02d}T08:00:00+00:00">
</head><body>
<header><nav><a href="/">Home</a></nav></header>
<article><h1>Report {n}</h1>
{body}
{credit}
</article>
<aside>{links}</aside>
<footer>Copyright 2024 Test Gazette</footer>
</body></html>"""


def listing_html(k: int) -> str:
    per = ARTICLES // LISTINGS
    links = "\n".join(f'<li><a href="/news/{n}.html">Report {n}</a></li>'
                      for n in range(k * per, (k + 1) * per))
    return (f"<!DOCTYPE html><html><head><title>Listing {k}</title></head><body>"
            f"<ul>{links}</ul></body></html>")


def home_html() -> str:
    links = " ".join(f'<a href="/list/{k}.html">Page {k}</a>' for k in range(LISTINGS))
    return f"<!DOCTYPE html><html><head><title>Home</title></head><body>{links}</body></html>"


def build_cluster_site(base_url: str) -> dict[str, Page]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    pages = {"/": Page(200, home_html().encode(), html)}
    for k in range(LISTINGS):
        pages[f"/list/{k}.html"] = Page(200, listing_html(k).encode(), html)
    for n in range(ARTICLES):
        pages[f"/news/{n}.html"] = Page(200, article_html(n).encode(), html)
    pages["/robots.txt"] = Page(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"})
    return pages
