"""Sources as data: load and validate ``sources.toml`` into typed :class:`Source` records.

Every problem names the file, the key (``source[2].start_urls``) and the reason, and all
problems of a file are reported together so one edit fixes them all.

    [[source]]
    name = "example-news"
    start_urls = ["https://news.example.com/"]
    sitemaps = ["https://news.example.com/sitemap.xml"]
    feeds = ["https://news.example.com/rss.xml"]
    allow = ['/\\d{4}/\\d{2}/']        # regexes a followed URL must match (any); empty = all
    deny = ['/tag/', '\\?replytocom=']  # regexes that exclude a URL
    article_urls = ['/\\d{4}/\\d{2}/[^/]+$']  # optional: URL shapes that are articles
    listing_urls = ['/page/\\d+/?$']   # optional: URL shapes that are listings (never records)
    max_pages = 500
    max_depth = 3
    delay = 0.5
    concurrency = 4
    allow_private = false
    favor = "balanced"
    min_body_words = 40
    rules = "rules/example-news.toml"  # relative to the sources file
    schedule = "0 */2 * * *"
    drop_copies = false  # near-duplicate copies of other records: delivered, marked (default)

    # Hardening limits for this site; each one left out is the crawl setting in brackets.
    idle_timeout = 10.0       # s without a byte -> idle_timeout; 0 = off (THRESHER_IDLE_TIMEOUT)
    total_timeout = 25.0      # s for a whole response -> total_timeout (THRESHER_TOTAL_TIMEOUT)
    trap_max_page = 200       # highest ?page= / /page/N followed (THRESHER_TRAP_MAX_PAGE)
    trap_max_chain = 50       # link depths one URL shape may reach (THRESHER_TRAP_MAX_CHAIN)
    trap_max_segments = 25    # path segments in a followed URL (THRESHER_TRAP_MAX_SEGMENTS)
    trap_max_url = 2000       # characters in a followed URL (THRESHER_TRAP_MAX_URL)
    session_params = ["s"]    # this site's session-id parameters, stripped like PHPSESSID
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from apscheduler.triggers.cron import CronTrigger

from extractors import ExtractOptions, SiteRules

from .site_rules import SiteRulesError, load_site_rules

FAVOR_CHOICES = ("balanced", "precision", "recall")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
ADHOC_NAME = "adhoc"


@dataclass(frozen=True)
class Source:
    """One site to crawl. Built only by :func:`load_sources` or :func:`adhoc_source`."""

    name: str
    start_urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    article_urls: tuple[str, ...] = ()
    listing_urls: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()  # default: the hosts of every configured URL
    max_pages: int | None = None
    max_depth: int | None = None
    delay: float = 0.0
    concurrency: int = 8
    allow_private: bool = False
    favor: str = "balanced"
    min_body_words: int = 10
    rules: Path | None = None
    site_rules: SiteRules = field(default_factory=SiteRules)
    schedule: str | None = None
    drop_copies: bool = False  # drop near-duplicate copies instead of delivering them marked
    # Per-source hardening limits; None = the crawl's setting (crawler.middlewares.limits).
    idle_timeout: float | None = None  # seconds; 0 turns the limit off
    total_timeout: float | None = None
    trap_max_page: int | None = None
    trap_max_chain: int | None = None
    trap_max_segments: int | None = None
    trap_max_url: int | None = None
    session_params: tuple[str, ...] = ()  # query/path parameter names that are session ids

    def extract_options(self) -> ExtractOptions:
        """The extraction options this source asks for (per-page HTTP fields come later)."""
        return ExtractOptions(
            favor=self.favor, min_body_words=self.min_body_words, site_rules=self.site_rules
        )

    def domains(self) -> tuple[str, ...]:
        if self.allowed_domains:
            return self.allowed_domains
        hosts = {urlsplit(u).hostname for u in (*self.start_urls, *self.sitemaps, *self.feeds)}
        return tuple(sorted(h for h in hosts if h))


class SourcesError(ValueError):
    """A sources file that cannot be used; ``problems`` lists every ``file: key: reason``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


_LIST_KEYS = ("start_urls", "sitemaps", "feeds", "allow", "deny", "article_urls",
              "listing_urls", "allowed_domains", "session_params")
_TIMEOUT_KEYS = ("idle_timeout", "total_timeout")
_TRAP_KEYS = ("trap_max_page", "trap_max_chain", "trap_max_segments", "trap_max_url")
_KNOWN_KEYS = frozenset((*_LIST_KEYS, *_TIMEOUT_KEYS, *_TRAP_KEYS, "name", "max_pages",
                         "max_depth", "delay", "concurrency", "allow_private", "favor",
                         "min_body_words", "rules", "schedule", "drop_copies"))
# A session parameter is a name as it appears in a URL: no separators of the URL itself.
_PARAM_NAME = re.compile(r"^[^\s=&;?#/]{1,64}$")
_URL_LIST_KEYS = ("start_urls", "sitemaps", "feeds")
_REGEX_KEYS = ("allow", "deny", "article_urls", "listing_urls")


def load_sources(path: Path) -> tuple[Source, ...]:
    """Read and validate a sources file. Raises :class:`SourcesError` naming every problem."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise SourcesError([f"{path}: no such file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError([f"{path}: unreadable: {exc}"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError([f"{path}: not valid TOML: {exc}"]) from None
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourcesError([f"{path}: source: expected one or more [[source]] tables"])
    checker = _Checker(path)
    sources = [checker.source(i, entry) for i, entry in enumerate(entries)]
    _check_unique_names(checker, sources)
    if checker.problems:
        raise SourcesError(checker.problems)
    return tuple(s for s in sources if s is not None)


def find_source(sources: tuple[Source, ...], name: str) -> Source:
    for source in sources:
        if source.name == name:
            return source
    known = ", ".join(s.name for s in sources)
    raise SourcesError([f"source {name!r}: not in the sources file (known: {known})"])


def adhoc_source(urls: list[str], *, allow_private: bool = False,
                 max_pages: int | None = None, max_depth: int | None = None) -> Source:
    """A source for ``thresher crawl --url``: start URLs only, same pipelines."""
    checker = _Checker(Path("--url"))
    entry: dict[str, Any] = {"name": ADHOC_NAME, "start_urls": urls,
                             "allow_private": allow_private}
    if max_pages is not None:
        entry["max_pages"] = max_pages
    if max_depth is not None:
        entry["max_depth"] = max_depth
    source = checker.source(0, entry, label="url")
    if checker.problems or source is None:
        raise SourcesError(checker.problems)
    return source


def _check_unique_names(checker: _Checker, sources: list[Source | None]) -> None:
    seen: dict[str, int] = {}
    for i, source in enumerate(sources):
        if source is None:
            continue
        if source.name in seen:
            checker.problem(f"source[{i}].name",
                            f"duplicate name {source.name!r} (also source[{seen[source.name]}])")
        seen.setdefault(source.name, i)


class _Checker:
    """Collects problems while turning one TOML table into a :class:`Source`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, key: str, reason: str) -> None:
        self.problems.append(f"{self.path}: {key}: {reason}")

    def source(self, index: int, entry: Any, label: str = "source") -> Source | None:
        where = f"{label}[{index}]"
        if not isinstance(entry, dict):
            self.problem(where, "expected a table")
            return None
        before = len(self.problems)
        for key in sorted(set(entry) - _KNOWN_KEYS):
            self.problem(f"{where}.{key}", "unknown key")
        values: dict[str, Any] = {"name": self._name(where, entry.get("name"))}
        for key in _LIST_KEYS:
            values[key] = self._string_list(f"{where}.{key}", entry.get(key, []))
        for key in _URL_LIST_KEYS:
            for j, url in enumerate(values[key]):
                self._url(f"{where}.{key}[{j}]", url)
        for key in _REGEX_KEYS:
            for j, pattern in enumerate(values[key]):
                self._regex(f"{where}.{key}[{j}]", pattern)
        if not (values["start_urls"] or values["sitemaps"] or values["feeds"]):
            self.problem(f"{where}.start_urls", "give at least one of start_urls, sitemaps, feeds")
        values["max_pages"] = self._int(f"{where}.max_pages", entry.get("max_pages"), 1)
        values["max_depth"] = self._int(f"{where}.max_depth", entry.get("max_depth"), 0)
        values["concurrency"] = self._int(f"{where}.concurrency", entry.get("concurrency", 8), 1)
        values["min_body_words"] = self._int(
            f"{where}.min_body_words", entry.get("min_body_words", 10), 0)
        values["delay"] = self._delay(f"{where}.delay", entry.get("delay", 0.0))
        values["allow_private"] = self._bool(f"{where}.allow_private",
                                             entry.get("allow_private", False))
        values["drop_copies"] = self._bool(f"{where}.drop_copies",
                                           entry.get("drop_copies", False))
        values["favor"] = self._favor(f"{where}.favor", entry.get("favor", "balanced"))
        values["schedule"] = self._schedule(f"{where}.schedule", entry.get("schedule"))
        values["rules"], values["site_rules"] = self._rules(f"{where}.rules", entry.get("rules"))
        for key in _TIMEOUT_KEYS:
            values[key] = self._seconds(f"{where}.{key}", entry.get(key))
        for key in _TRAP_KEYS:
            values[key] = self._int(f"{where}.{key}", entry.get(key), 1)
        for j, name in enumerate(values["session_params"]):
            if not _PARAM_NAME.match(name):
                self.problem(f"{where}.session_params[{j}]",
                             f"not a URL parameter name (1-64 characters, none of "
                             f"'=&;?#/' or spaces): {name!r}")
        if len(self.problems) > before:
            return None
        return Source(**values)

    def _name(self, where: str, value: Any) -> str:
        if not isinstance(value, str) or not NAME_PATTERN.match(value):
            self.problem(f"{where}.name", "required: letters, digits, '.', '_' or '-', "
                                          f"at most 64 characters (got {value!r})")
            return ""
        return value

    def _string_list(self, key: str, value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.problem(key, f"expected a list of non-empty strings (got {value!r})")
            return ()
        return tuple(value)

    def _url(self, key: str, url: str) -> None:
        try:
            parts = urlsplit(url)
            usable = parts.scheme in ("http", "https") and bool(parts.hostname)
            _ = parts.port  # ValueError for a port out of range
        except ValueError:  # e.g. an unclosed IPv6 bracket
            usable = False
        if not usable:
            self.problem(key, f"not an http(s) URL: {url!r}")

    def _regex(self, key: str, pattern: str) -> None:
        try:
            re.compile(pattern)
        except (re.error, RecursionError, OverflowError) as exc:  # nesting, huge {n}
            self.problem(key, f"not a valid regular expression: {exc}")

    def _int(self, key: str, value: Any, minimum: int) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problem(key, f"expected an integer >= {minimum} (got {value!r})")
            return None
        return value

    def _delay(self, key: str, value: Any) -> float:
        if (isinstance(value, bool) or not isinstance(value, int | float) or value < 0
                or not math.isfinite(value)):
            self.problem(key, f"expected a number of seconds >= 0 (got {value!r})")
            return 0.0
        return float(value)

    def _seconds(self, key: str, value: Any) -> float | None:
        """A time limit: absent (None, the crawl's setting), 0 (off) or a positive number."""
        if value is None:
            return None
        if (isinstance(value, bool) or not isinstance(value, int | float) or value < 0
                or not math.isfinite(value)):
            self.problem(key, f"expected a number of seconds >= 0, 0 = no limit (got {value!r})")
            return None
        return float(value)

    def _bool(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            self.problem(key, f"expected true or false (got {value!r})")
            return False
        return value

    def _favor(self, key: str, value: Any) -> str:
        if value not in FAVOR_CHOICES:
            self.problem(key, f"expected one of {', '.join(FAVOR_CHOICES)} (got {value!r})")
            return "balanced"
        return value

    def _schedule(self, key: str, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(key, f"expected a cron string like '0 */2 * * *' (got {value!r})")
            return None
        try:
            CronTrigger.from_crontab(value, timezone="UTC")
        except ValueError as exc:
            self.problem(key, f"not a valid cron expression {value!r}: {exc}")
            return None
        return value

    def _rules(self, key: str, value: Any) -> tuple[Path | None, SiteRules]:
        if value is None:
            return None, SiteRules()
        if not isinstance(value, str) or not value:
            self.problem(key, f"expected the path of a site-rule TOML file (got {value!r})")
            return None, SiteRules()
        path = Path(value)
        if not path.is_absolute():
            path = self.path.parent / path
        try:
            return path, load_site_rules(path)
        except SiteRulesError as exc:
            self.problem(key, str(exc))
            return None, SiteRules()
        except ValueError as exc:  # a path the OS cannot take (an embedded NUL)
            self.problem(key, f"unusable path {value!r}: {exc}")
            return None, SiteRules()
