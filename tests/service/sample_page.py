"""An aggregator page of the kind Thresher exists for, and its record from the real extractor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crawler.warc import HttpExchange, WarcArchive
from extractors import extract

URL = "https://aggregator.test/news/2026/01/05/harbour-bridge.html"

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge to close for repairs | Daily Aggregator</title>
<script>window.tracker = 1;</script>
<link rel="stylesheet" href="https://cdn.aggregator.test/site.css">
</head>
<body onload="track()">
<div class="top"><form action="/search"><input name="q"> search for</form></div>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/tech">Tech</a></nav>
<article>
<h1>Harbour bridge to close for repairs</h1>
<p class="byline">Published on 2026-01-05 source:NBC News</p>
<img src="https://img.aggregator.test/bridge.jpg" alt="the bridge">
<p>The old harbour bridge will close for six weeks from Monday while engineers replace the
corroded cables that have held the deck since 1958, the city council said on Friday.</p>
<p>Commuters will be diverted over the ring road, which the council expects to add about
fifteen minutes to a typical crossing at peak hours. Ferries will run every ten minutes.</p>
<p>This affected:</p>
<ul><li>the number 12 and 14 bus routes</li><li>the cycle lane on the east side</li>
<li>deliveries to the fish market before 6 a.m.</li></ul>
<p>The council said the repairs had been planned for two years and that the bridge remained
safe, but that the cables had reached the end of their working life.</p>
</article>
<div class="recommend"><h3>Randomly recommend to you</h3>
<ul><li><a href="/a">Ten gadgets you need</a></li><li><a href="/b">Celebrity weddings</a></li>
<li><a href="/c">Why cats sleep so much</a></li></ul></div>
<p>Copyright statement: this article was reproduced from the Internet for the purpose of
sharing information; please contact us for removal.</p>
<footer>Copyright © 2016 Powered by Daily Aggregator, <a href="/sitemap">sitemap</a>
<a href="#top" onclick="scrollTo(0,0)">Back to top</a></footer>
</body></html>
"""


def sample_record(source: str = "alpha") -> dict[str, Any]:
    record = extract(PAGE.encode("utf-8"), URL).to_dict()
    record.update(source=source, fetched_at="2026-01-05T10:05:00Z", final_url=URL)
    return record


def archive_page(path: Path, url: str = URL, html: str = PAGE) -> None:
    """Write the page into a WARC file the way a crawl with --warc-out does."""
    archive = WarcArchive(path)
    archive.open()
    archive.write(HttpExchange(
        url=url, method="GET", request_headers=(("User-Agent", "thresher"),), request_body=b"",
        status=200, reason="OK",
        response_headers=(("Content-Type", "text/html; charset=utf-8"),),
        body=html.encode("utf-8"), fetched_at="2026-01-05T10:05:00Z"))
    archive.close()
