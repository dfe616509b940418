"""`drop_copies` in sources.toml: validated, and handed to the dedup pipeline per source."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.run import base_settings, crawl_settings, plan_run
from crawler.sources import SourcesError, load_sources


def _load(tmp_path: Path, line: str):
    path = tmp_path / "sources.toml"
    path.write_text(f'[[source]]\nname = "s"\nstart_urls = ["https://a.example/"]\n{line}\n',
                    "utf-8")
    return load_sources(path)


def test_drop_copies_defaults_to_delivering_copies(tmp_path):
    [source] = _load(tmp_path, "")
    assert source.drop_copies is False


def test_drop_copies_reaches_the_crawl_settings(tmp_path):
    [source] = _load(tmp_path, "drop_copies = true")
    plan = plan_run(source, tmp_path / "out", None)
    settings = crawl_settings(base_settings(), plan, progress=False)
    assert settings.getbool("THRESHER_DEDUP_DROP_COPIES") is True


def test_a_non_boolean_is_an_error_naming_the_key(tmp_path):
    with pytest.raises(SourcesError) as info:
        _load(tmp_path, 'drop_copies = "yes"')
    assert any("source[0].drop_copies" in p for p in info.value.problems)
