"""How --replay / --record-into / --warc-out become Scrapy settings."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from scrapy.settings import Settings

from crawler.capture_options import (
    FETCH_TIME_MIDDLEWARE,
    OFFLINE_HANDLER,
    REPLAY_MIDDLEWARE,
    add_capture_options,
    apply_capture_settings,
    capture_settings,
    check_capture_args,
)


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_capture_options(parser)
    return parser.parse_args(list(argv))


def test_no_option_changes_nothing():
    settings = {"DOWNLOADER_MIDDLEWARES": {"x.Y": 5}}
    apply_capture_settings(_parse(), settings)
    assert settings == {"DOWNLOADER_MIDDLEWARES": {"x.Y": 5}}


def test_replay_answers_from_the_recording_and_can_never_reach_a_socket(tmp_path):
    updates = capture_settings(replay=tmp_path)
    assert updates["DOWNLOADER_MIDDLEWARES"] == {REPLAY_MIDDLEWARE: 120}
    assert updates["DOWNLOAD_HANDLERS"] == {"http": OFFLINE_HANDLER, "https": OFFLINE_HANDLER}
    assert updates["AUTOTHROTTLE_ENABLED"] is False
    assert updates["THRESHER_EXTRACT_WORKERS"] == 0  # one order of records, every time
    assert updates["SPIDER_MIDDLEWARES"] == {FETCH_TIME_MIDDLEWARE: 950}  # recorded times


def test_record_adds_both_record_middlewares_around_redirects(tmp_path):
    middlewares = capture_settings(record_into=tmp_path)["DOWNLOADER_MIDDLEWARES"]
    orders = {path.rsplit(".", 1)[1]: order for path, order in middlewares.items()}
    assert orders == {"RecordMiddleware": 120, "RedirectHopRecordMiddleware": 610}
    fixture_only = capture_settings(record_into=tmp_path, record_redirect_hops=False)
    assert len(fixture_only["DOWNLOADER_MIDDLEWARES"]) == 1


def test_replay_and_record_together_are_refused(tmp_path):
    with pytest.raises(SystemExit):
        _parse("--replay", str(tmp_path), "--record-into", str(tmp_path))
    with pytest.raises(ValueError, match="exclusive"):
        capture_settings(replay=tmp_path, record_into=tmp_path)


def test_options_merge_into_a_dict_without_dropping_existing_middlewares(tmp_path):
    settings = {"DOWNLOADER_MIDDLEWARES": {"x.Guard": 130}, "THRESHER_EXTRACT_WORKERS": 2}
    apply_capture_settings(_parse("--replay", str(tmp_path), "--warc-out", "a.warc.gz"),
                           settings)
    assert settings["DOWNLOADER_MIDDLEWARES"]["x.Guard"] == 130
    assert settings["DOWNLOADER_MIDDLEWARES"][REPLAY_MIDDLEWARE] == 120
    assert settings["THRESHER_WARC_OUT"] == "a.warc.gz"
    assert settings["THRESHER_EXTRACT_WORKERS"] == 0


def test_options_merge_into_scrapy_settings(tmp_path):
    settings = Settings({"DOWNLOADER_MIDDLEWARES": {"x.Guard": 130}})
    apply_capture_settings(_parse("--record-into", str(tmp_path)), settings)
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares["x.Guard"] == 130
    assert "crawler.middlewares.record.RecordMiddleware" in middlewares
    assert settings.get("THRESHER_RECORD_DIR") == str(tmp_path)


def test_a_missing_replay_folder_is_named(tmp_path: Path):
    assert check_capture_args(_parse("--replay", str(tmp_path / "nope"))) == (
        f"--replay {tmp_path / 'nope'}: no such recording folder")
    assert check_capture_args(_parse("--replay", str(tmp_path))) is None
