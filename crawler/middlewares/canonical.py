"""Canonical URLs: the same article under tracking, session or fragment noise is one URL.

``canonical_url`` drops click/campaign trackers (``utm_*``, ``fbclid``, ``gclid``, ...),
session identifiers (``?PHPSESSID=``, ``;jsessionid=``) and the fragment, and sorts the query
(the parameter lists are data: ``crawler/data/url_noise.toml``; a source adds its own session
parameters with ``session_params`` in sources.toml). Two pieces use it:

* :class:`CanonicalRequestFingerprinter` (``REQUEST_FINGERPRINTER_CLASS``): every request
  fingerprint — the spider's "already scheduled" set, the done-ledger and the dupefilter in
  :mod:`crawler.dupefilter` — is taken over the canonical URL, so variants are one request;
* :class:`CanonicalUrlMiddleware`: the request actually sent is the clean URL, so records
  carry it and no session id is replayed to the server.

``<link rel="canonical">`` is the page's own word and only known after the fetch: the
extractor derives the record id from it, and the sinks keep one record per id.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from weakref import WeakKeyDictionary

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.utils.request import RequestFingerprinter
from w3lib.url import canonicalize_url

from .limits import session_params

# Package data, read through importlib.resources: also works inside a zipped egg (Scrapyd).
NOISE_FILE = resources.files("crawler") / "data" / "url_noise.toml"


@dataclass(frozen=True)
class UrlNoise:
    names: frozenset[str]  # lower-case parameter names to drop
    prefixes: tuple[str, ...]

    def is_noise(self, name: str) -> bool:
        lowered = name.lower()
        return lowered in self.names or lowered.startswith(self.prefixes)

    def with_names(self, extra: tuple[str, ...]) -> UrlNoise:
        """This list plus ``extra`` names (a source's own ``session_params``)."""
        if not extra:
            return self
        return UrlNoise(self.names | {n.lower() for n in extra}, self.prefixes)


def crawl_url_noise(crawler: Crawler | None) -> UrlNoise:
    """``url_noise.toml`` plus the crawled source's own session parameters."""
    return load_url_noise().with_names(session_params(crawler))


@cache
def load_url_noise(path: Traversable = NOISE_FILE) -> UrlNoise:
    data = tomllib.loads(path.read_text("utf-8"))
    names = frozenset(n.lower() for n in (*data["tracking"], *data["session"]))
    return UrlNoise(names, tuple(p.lower() for p in data["tracking_prefixes"]))


def strip_url_noise(url: str, noise: UrlNoise | None = None) -> str:
    """``url`` without tracking/session parameters and fragment; otherwise untouched."""
    noise = noise or load_url_noise()
    parts = urlsplit(url)
    path = ";".join(p for i, p in enumerate(parts.path.split(";"))
                    if i == 0 or not noise.is_noise(p.split("=", 1)[0]))
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not noise.is_noise(k)]
    query = parts.query if len(kept) == len(pairs) else urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def canonical_url(url: str) -> str:
    """The comparison form: noise stripped, then Scrapy's canonical form (sorted query)."""
    return canonicalize_url(strip_url_noise(url))


class CanonicalRequestFingerprinter:
    """Scrapy's fingerprint, taken over the request's canonical URL."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        self._scrapy = RequestFingerprinter(crawler)
        self._noise = crawl_url_noise(crawler)
        self._cache: WeakKeyDictionary[Request, bytes] = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CanonicalRequestFingerprinter:
        return cls(crawler)

    def fingerprint(self, request: Request) -> bytes:
        if request in self._cache:
            return self._cache[request]
        clean = strip_url_noise(request.url, self._noise)
        same = request if clean == request.url else request.replace(url=clean)
        fingerprint = self._scrapy.fingerprint(same)
        self._cache[request] = fingerprint
        return fingerprint


class CanonicalUrlMiddleware:
    """Send the clean URL: a noisy request is replaced by its clean twin (same fingerprint)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.noise = crawl_url_noise(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CanonicalUrlMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> Request | None:
        clean = strip_url_noise(request.url, self.noise)
        if clean == request.url or request.url.startswith(("data:", "file:")):
            return None
        self.stats.inc_value("thresher/canonical/rewritten")
        # The original passed the dupefilter under this very fingerprint: let the twin through.
        return request.replace(url=clean, dont_filter=True)
