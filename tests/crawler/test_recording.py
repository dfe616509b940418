"""The recording format (fixture layout): case names, save/read, and the URL index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.recording import (
    RecordingError,
    RecordingIndex,
    case_name,
    read_saved,
    save_response,
)


def _save(into: Path, url: str, final_url: str | None = None, body: bytes = b"<p>x</p>",
          **extra) -> Path:
    return save_response(into, url=url, final_url=final_url or url, status=200,
                         headers=extra.pop("headers", [("Content-Type", "text/html")]),
                         body=body, fetched_at=extra.pop("fetched_at", "2024-05-01T10:00:00Z"))


def test_case_name_is_a_path_slug_plus_a_hash_of_the_whole_url():
    name = case_name("https://news.example.com/World/2024/Big-Story.html?page=2")
    slug, _, digest = name.rpartition("-")
    assert slug == "world-2024-big-story-html"
    assert len(digest) == 8
    assert case_name("https://news.example.com/World/2024/Big-Story.html?page=2") == name
    assert case_name("https://news.example.com/World/2024/Big-Story.html?page=3") != name
    assert case_name("https://example.com/").startswith("index-")


def test_case_name_stays_short_for_long_paths():
    name = case_name("https://example.com/" + "very-long-segment/" * 20)
    assert len(name) <= 60 + 9


def test_saved_response_reads_back_byte_for_byte(tmp_path):
    body = "Grüße, 世界".encode("gb18030")  # not UTF-8: bytes must survive untouched
    case = _save(tmp_path, "https://a.example/x", "https://a.example/y", body=body,
                 headers=[("Content-Type", "text/html; charset=gb18030"),
                          ("Content-Encoding", "gzip"), ("Content-Length", "99")])
    assert case.parent == tmp_path
    assert (case / "input.html").read_bytes() == body
    saved = read_saved(case)
    assert saved.url == "https://a.example/x"
    assert saved.final_url == "https://a.example/y"
    assert saved.status == 200
    assert saved.fetched_at == "2024-05-01T10:00:00Z"
    assert saved.body == body
    # The body on disk is already transport-decoded: those headers would lie about it.
    assert dict(saved.headers) == {"Content-Type": "text/html; charset=gb18030"}


def test_meta_json_has_the_fixture_fields(tmp_path):
    case = _save(tmp_path, "https://a.example/x")
    meta = json.loads((case / "meta.json").read_text("utf-8"))
    assert set(meta) == {"url", "final_url", "status", "headers", "fetched_at"}


def test_saving_the_same_url_again_replaces_the_case(tmp_path):
    _save(tmp_path, "https://a.example/x", body=b"old")
    case = _save(tmp_path, "https://a.example/x", body=b"new")
    assert [p.name for p in tmp_path.iterdir()] == [case.name]
    assert read_saved(case).body == b"new"
    assert not [p for p in case.iterdir() if p.name.startswith(".")]  # no temp files left


def test_index_finds_cases_by_url_spelling_and_by_final_url(tmp_path):
    direct = _save(tmp_path, "https://a.example/list?b=2&a=1")
    moved = _save(tmp_path, "https://a.example/old", "https://a.example/new")
    index = RecordingIndex.load(tmp_path)
    assert index.find("https://a.example/list?a=1&b=2#top") == direct
    assert index.find("https://a.example/old") == moved
    assert index.find("https://a.example/new") == moved
    assert index.find("https://a.example/other") is None


def test_an_asked_for_url_wins_over_a_redirect_target(tmp_path):
    _save(tmp_path, "https://a.example/old", "https://a.example/new")
    direct = _save(tmp_path, "https://a.example/new")
    assert RecordingIndex.load(tmp_path).find("https://a.example/new") == direct


def test_a_broken_case_is_reported_and_the_rest_still_load(tmp_path):
    good = _save(tmp_path, "https://a.example/good")
    broken = tmp_path / "broken-case"
    broken.mkdir()
    (broken / "meta.json").write_text("{not json", "utf-8")
    index = RecordingIndex.load(tmp_path)
    assert index.find("https://a.example/good") == good
    assert len(index.bad_cases) == 1
    assert "broken-case" in str(index.bad_cases[0])


def test_reading_a_case_without_fetched_at_names_the_case(tmp_path):
    case = _save(tmp_path, "https://a.example/x")
    (case / "meta.json").write_text(json.dumps({"url": "https://a.example/x"}), "utf-8")
    with pytest.raises(RecordingError, match="fetched_at") as error:
        read_saved(case)
    assert error.value.case == case


def test_loading_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such recording folder"):
        RecordingIndex.load(tmp_path / "nope")
