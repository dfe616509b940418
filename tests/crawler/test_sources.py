"""sources.toml: typed loading, and errors that name the file, the key and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.sources import SourcesError, adhoc_source, find_source, load_sources


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, "utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    return caught.value.problems


def test_a_full_source_loads_into_typed_fields(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(
        'body_selector = "div.content"\ndrop_selectors = ["div.share"]\n'
        'drop_phrases = ["Back to top"]\n', "utf-8")
    path = _write(tmp_path, """
[[source]]
name = "example-news"
start_urls = ["https://news.example.com/"]
sitemaps = ["https://news.example.com/sitemap.xml"]
feeds = ["https://news.example.com/rss.xml"]
allow = ['/\\d{4}/']
deny = ['/tag/']
max_pages = 50
max_depth = 2
delay = 0.5
concurrency = 2
favor = "precision"
min_body_words = 40
rules = "rules.toml"
schedule = "0 */2 * * *"
""")
    (source,) = load_sources(path)
    assert source.name == "example-news"
    assert source.start_urls == ("https://news.example.com/",)
    assert source.max_pages == 50 and source.max_depth == 2 and source.delay == 0.5
    assert source.site_rules.body_selector == "div.content"
    assert source.site_rules.drop_selectors == ("div.share",)
    assert source.rules == tmp_path / "rules.toml"
    assert source.allow_private is False
    options = source.extract_options()
    assert options.favor == "precision" and options.min_body_words == 40
    assert source.domains() == ("news.example.com",)


@pytest.mark.parametrize(("entry", "key", "reason"), [
    ('name = "a"\nstart_urls = ["ftp://x.example/"]', "source[0].start_urls[0]",
     "not an http(s) URL"),
    ('name = "a"', "source[0].start_urls", "at least one of"),
    ('name = "bad name!"\nstart_urls = ["https://x.example/"]', "source[0].name", "required"),
    ('name = "a"\nstart_urls = ["https://x.example/"]\ndeny = ["("]', "source[0].deny[0]",
     "not a valid regular expression"),
    ('name = "a"\nstart_urls = ["https://x.example/"]\nmax_pages = 0', "source[0].max_pages",
     "expected an integer >= 1"),
    ('name = "a"\nstart_urls = ["https://x.example/"]\ndelay = -1', "source[0].delay",
     ">= 0"),
    ('name = "a"\nstart_urls = ["https://x.example/"]\nallow_private = "yes"',
     "source[0].allow_private", "true or false"),
    ('name = "a"\nstart_urls = ["https://x.example/"]\nschedule = "61 * * * *"',
     "source[0].schedule", "not a valid cron expression"),
    ('name = "a"\nstart_urls = ["https://x.example/"]\nfavor = "speed"', "source[0].favor",
     "expected one of"),
    ('name = "a"\nstart_urls = ["https://x.example/"]\nrules = "missing.toml"',
     "source[0].rules", "no such rule file"),
    ('name = "a"\nstart_urls = ["https://x.example/"]\nstart_url = "typo"',
     "source[0].start_url", "unknown key"),
])
def test_each_problem_names_file_key_and_reason(tmp_path: Path, entry: str, key: str,
                                                reason: str) -> None:
    path = _write(tmp_path, f"[[source]]\n{entry}\n")
    problems = _problems(path)
    assert any(p.startswith(f"{path}: {key}: ") and reason in p for p in problems), problems


def test_every_problem_of_every_source_is_reported_at_once(tmp_path: Path) -> None:
    path = _write(tmp_path, """
[[source]]
name = "ok"
start_urls = ["https://a.example/"]
[[source]]
name = "ok"
start_urls = ["nope"]
max_depth = -1
""")
    problems = _problems(path)
    assert any("source[1].start_urls[0]" in p for p in problems)
    assert any("source[1].max_depth" in p for p in problems)


def test_duplicate_names_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "[[source]]\nname = \"a\"\nstart_urls = [\"https://a.example/\"]\n"
                            "[[source]]\nname = \"a\"\nstart_urls = [\"https://b.example/\"]\n")
    assert any("source[1].name" in p and "duplicate" in p for p in _problems(path))


def test_file_level_problems(tmp_path: Path) -> None:
    assert "no such file" in _problems(tmp_path / "absent.toml")[0]
    assert "not valid TOML" in _problems(_write(tmp_path, "[[source]\n"))[0]
    assert "[[source]]" in _problems(_write(tmp_path, "title = 'x'\n"))[0]


def test_find_source_names_the_known_ones(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[source]]\nname = "a"\nstart_urls = ["https://a.example/"]\n')
    sources = load_sources(path)
    assert find_source(sources, "a").name == "a"
    with pytest.raises(SourcesError, match="known: a"):
        find_source(sources, "b")


def test_adhoc_source_validates_its_urls() -> None:
    source = adhoc_source(["http://127.0.0.1:8000/"], allow_private=True, max_depth=1)
    assert source.allow_private and source.max_depth == 1
    with pytest.raises(SourcesError, match="not an http"):
        adhoc_source(["javascript:alert(1)"])


def test_per_source_limits_load(tmp_path: Path) -> None:
    path = _write(tmp_path, """
[[source]]
name = "slow-site"
start_urls = ["https://slow.example/"]
idle_timeout = 30
total_timeout = 0
trap_max_page = 40
trap_max_chain = 12
trap_max_segments = 9
trap_max_url = 300
session_params = ["visit", "SID_x"]
[[source]]
name = "plain"
start_urls = ["https://plain.example/"]
""")
    slow, plain = load_sources(path)
    assert (slow.idle_timeout, slow.total_timeout) == (30.0, 0.0)  # 0: no total limit
    assert (slow.trap_max_page, slow.trap_max_chain, slow.trap_max_segments,
            slow.trap_max_url) == (40, 12, 9, 300)
    assert slow.session_params == ("visit", "SID_x")
    # Left out: None, meaning the crawl's settings (THRESHER_IDLE_TIMEOUT, ...).
    assert (plain.idle_timeout, plain.total_timeout, plain.trap_max_page, plain.trap_max_chain,
            plain.trap_max_segments, plain.trap_max_url, plain.session_params) == (
        None, None, None, None, None, None, ())


@pytest.mark.parametrize(("line", "key", "reason"), [
    ("idle_timeout = -1", "idle_timeout", "expected a number of seconds >= 0"),
    ("total_timeout = nan", "total_timeout", "expected a number of seconds >= 0"),
    ("total_timeout = inf", "total_timeout", "expected a number of seconds >= 0"),
    ('idle_timeout = "10s"', "idle_timeout", "expected a number of seconds >= 0"),
    ("idle_timeout = true", "idle_timeout", "expected a number of seconds >= 0"),
    ("trap_max_page = 0", "trap_max_page", "expected an integer >= 1"),
    ("trap_max_chain = 2.5", "trap_max_chain", "expected an integer >= 1"),
    ("trap_max_segments = -3", "trap_max_segments", "expected an integer >= 1"),
    ('trap_max_url = "long"', "trap_max_url", "expected an integer >= 1"),
    ('session_params = "sid"', "session_params[0]", None),  # one string is a list of one
    ('session_params = ["a=b"]', "session_params[0]", "not a URL parameter name"),
    ('session_params = ["has space"]', "session_params[0]", "not a URL parameter name"),
    ('session_params = [""]', "session_params", "expected a list of non-empty strings"),
    ("session_params = [1]", "session_params", "expected a list of non-empty strings"),
])
def test_per_source_limit_problems_name_file_key_and_reason(
        tmp_path: Path, line: str, key: str, reason: str | None) -> None:
    path = _write(tmp_path, f'[[source]]\nname = "a"\nstart_urls = ["https://a.example/"]\n'
                            f"{line}\n")
    if reason is None:
        (source,) = load_sources(path)
        assert source.session_params == ("sid",)
        return
    problems = _problems(path)
    assert any(p.startswith(f"{path}: source[0].{key}: ") and reason in p
               for p in problems), problems
