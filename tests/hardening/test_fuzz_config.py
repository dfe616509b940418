"""Property tests of the sources loader: any input ends as sources or a ``SourcesError``.

Random TOML documents, mutations of a valid sources file (bytes flipped, cut, duplicated,
keys and values swapped for other types) and arbitrary bytes all go through
``crawler.sources.load_sources``. The documented outcome is a tuple of ``Source`` or a
``SourcesError`` naming the problems; any other exception is a bug.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.sources import Source, SourcesError, load_sources

VALID = b"""
[[source]]
name = "example-news"
start_urls = ["https://news.example.com/"]
sitemaps = ["https://news.example.com/sitemap.xml"]
feeds = ["https://news.example.com/rss.xml"]
allow = ['/\\\\d{4}/\\\\d{2}/']
deny = ['/tag/']
article_urls = ['/\\\\d{4}/\\\\d{2}/[^/]+$']
listing_urls = ['/page/\\\\d+/?$']
max_pages = 500
max_depth = 3
delay = 0.5
concurrency = 4
allow_private = false
favor = "balanced"
min_body_words = 40
schedule = "0 */2 * * *"
"""

KEYS = ["name", "start_urls", "sitemaps", "feeds", "allow", "deny", "article_urls",
        "listing_urls", "allowed_domains", "max_pages", "max_depth", "delay", "concurrency",
        "allow_private", "favor", "min_body_words", "rules", "schedule", "idle_timeout",
        "total_timeout", "trap_max_page", "trap_max_chain", "trap_max_segments", "trap_max_url",
        "session_params", "unknown_key"]

NASTY_STRINGS = ["https://n.example/", "http://", "http://[::1", "http://x:99999/", "ftp://x/",
                 "http://exa mple.com/", "(", "[a-", "a{99999999999}", "(" * 2000 + ")" * 2000,
                 "(?P<x>a)(?P=y)", "\\", "* * * * *", "61 * * * *", "0 */2 * * *",
                 "*/0 * * * *", "* * * * * *", "@every 5m", "\0", "a\0b", "../../etc/passwd",
                 "rules.toml", "/", "", " ", "balanced", "precision", "x" * 300, "\u2028"]
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(NASTY_STRINGS))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
# Mostly values of the right type with hostile content, sometimes anything at all.
_strings = st.one_of(st.sampled_from(NASTY_STRINGS), st.text(max_size=30))
_numbers = st.one_of(st.integers(min_value=-(2**70), max_value=2**70),
                     st.floats(allow_nan=True, allow_infinity=True), st.booleans())
_BY_KEY = {
    **dict.fromkeys(["start_urls", "sitemaps", "feeds", "allow", "deny", "article_urls",
                     "listing_urls", "allowed_domains", "session_params"],
                    st.lists(_strings, max_size=3)),
    **dict.fromkeys(["max_pages", "max_depth", "delay", "concurrency", "min_body_words",
                     "idle_timeout", "total_timeout", "trap_max_page", "trap_max_chain",
                     "trap_max_segments", "trap_max_url"], _numbers),
    **dict.fromkeys(["name", "favor", "rules", "schedule", "unknown_key"], _strings),
    "allow_private": st.one_of(st.booleans(), _strings),
}


def _value_for(key: str) -> st.SearchStrategy[object]:
    return st.one_of(_BY_KEY[key], _values) if key in _BY_KEY else _values


def _toml_value(value: object) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value)
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(text, text)
    if isinstance(value, str):
        return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f'"{k}" = {_toml_value(v)}'
                           for k, v in value.items() if k.isidentifier()) + "}"


@st.composite
def source_tables(draw: st.DrawFn) -> bytes:
    tables = []
    for _ in range(draw(st.integers(0, 3))):
        keys = draw(st.lists(st.sampled_from(KEYS), max_size=8, unique=True))
        lines = [f"{k} = {_toml_value(draw(_value_for(k)))}" for k in keys]
        tables.append("[[source]]\n" + "\n".join(lines))
    head = draw(st.sampled_from(["", "source = 3\n", "[source]\nname='x'\n", "title = 'x'\n"]))
    return (head + "\n\n".join(tables)).encode("utf-8", "surrogatepass")


@st.composite
def mutated_valid_file(draw: st.DrawFn) -> bytes:
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "dup", "insert", "delete"]))
        at = draw(st.integers(0, len(data)))
        if op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at:]
        elif op == "dup":
            data[at:at] = data[at:at + draw(st.integers(1, 60))]
        elif op == "insert":
            data[at:at] = draw(st.sampled_from([b"\0", b"[[source]]\n", b"=", b'"', b"'''",
                                                b"\xff\xfe", b"[", b"]", b"\n", b"{",
                                                b"\\u0000", b"1e999", b"-0", b"\r"]))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 20))]
    return bytes(data)


def _load(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sources.toml"
        path.write_bytes(data)
        try:
            sources = load_sources(path)
        except SourcesError as exc:
            assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
            assert all(str(path) in p or p.startswith("source ") for p in exc.problems)
            return
        assert sources and all(isinstance(s, Source) for s in sources)
        for source in sources:  # what was accepted is usable as it stands
            assert math.isfinite(source.delay) and source.delay >= 0
            for limit in (source.idle_timeout, source.total_timeout):
                assert limit is None or (math.isfinite(limit) and limit >= 0)
            for bound in (source.trap_max_page, source.trap_max_chain,
                          source.trap_max_segments, source.trap_max_url):
                assert bound is None or (type(bound) is int and bound >= 1)
            assert all(p and "=" not in p and "&" not in p for p in source.session_params)
            for url in (*source.start_urls, *source.sitemaps, *source.feeds):
                assert urlsplit(url).hostname and urlsplit(url).port is not False


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(source_tables())
def test_random_sources_tables_load_or_raise_sources_error(data: bytes) -> None:
    _load(data)


@FUZZ
@given(mutated_valid_file())
def test_mutated_sources_files_load_or_raise_sources_error(data: bytes) -> None:
    _load(data)


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_load_or_raise_sources_error(data: bytes) -> None:
    _load(data)


def test_the_valid_file_loads() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sources.toml"
        path.write_bytes(VALID)
        (source,) = load_sources(path)
    assert source.name == "example-news" and source.max_pages == 500
