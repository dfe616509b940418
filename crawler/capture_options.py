"""The `--replay DIR`, `--record-into DIR` and `--warc-out FILE` options of `thresher crawl`.

Kept here, not in the crawl command, so the command only makes two calls::

    add_capture_options(parser)                       # when building the parser
    apply_capture_settings(args, settings)            # when building Scrapy settings

``settings`` is a ``scrapy.settings.Settings`` or a plain dict of settings.
"""

from __future__ import annotations

import argparse
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from .middlewares.fetch_time import FETCH_TIME_MIDDLEWARE_ORDER
from .middlewares.record import (
    RECORD_DIR_SETTING,
    RECORD_MIDDLEWARE_ORDER,
    REDIRECT_HOP_RECORD_ORDER,
)
from .middlewares.replay import REPLAY_DIR_SETTING, REPLAY_MIDDLEWARE_ORDER
from .middlewares.warc import WARC_MIDDLEWARE_ORDER, WARC_OUT_SETTING

REPLAY_MIDDLEWARE = "crawler.middlewares.replay.ReplayMiddleware"
RECORD_MIDDLEWARE = "crawler.middlewares.record.RecordMiddleware"
REDIRECT_HOP_RECORD_MIDDLEWARE = "crawler.middlewares.record.RedirectHopRecordMiddleware"
WARC_MIDDLEWARE = "crawler.middlewares.warc.WarcArchiveMiddleware"
OFFLINE_HANDLER = "crawler.middlewares.replay.OfflineDownloadHandler"
FETCH_TIME_MIDDLEWARE = "crawler.middlewares.fetch_time.FetchTimeMiddleware"


def add_capture_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("record, replay and archive")
    mode = group.add_mutually_exclusive_group()
    mode.add_argument("--replay", type=Path, metavar="DIR",
                      help="answer every request from a recording (offline, deterministic: "
                           "extraction runs inline); URLs it lacks become 'not_in_recording' "
                           "errors")
    mode.add_argument("--record-into", type=Path, metavar="DIR",
                      help="save every response into DIR in the fixture layout, for --replay")
    group.add_argument("--warc-out", type=Path, metavar="FILE",
                       help="archive every raw response (and its request) into a WARC file")


def check_capture_args(args: argparse.Namespace) -> str | None:
    """A message naming the bad option, or None when the options are usable."""
    replay = getattr(args, "replay", None)
    if replay is not None and not replay.is_dir():
        return f"--replay {replay}: no such recording folder"
    return None


def capture_settings(*, replay: Path | None = None, record_into: Path | None = None,
                     warc_out: Path | None = None,
                     record_redirect_hops: bool = True) -> dict[str, Any]:
    """Scrapy settings for the chosen modes; DOWNLOADER_MIDDLEWARES holds only our entries.

    ``record_redirect_hops`` (on for crawls) also saves redirects whose target is never
    fetched, so that a replay takes the same path; a fixture folder does not want them.
    """
    if replay is not None and record_into is not None:
        raise ValueError("replay and record are exclusive: a replay has nothing new to record")
    updates: dict[str, Any] = {}
    middlewares: dict[str, int] = {}
    if replay is not None:
        updates[REPLAY_DIR_SETTING] = str(replay)
        middlewares[REPLAY_MIDDLEWARE] = REPLAY_MIDDLEWARE_ORDER
        # Nothing may reach a socket, and nothing should wait on a clock.
        updates["DOWNLOAD_HANDLERS"] = {"http": OFFLINE_HANDLER, "https": OFFLINE_HANDLER}
        updates["AUTOTHROTTLE_ENABLED"] = False
        updates["DOWNLOAD_DELAY"] = 0
        updates["HTTPCACHE_ENABLED"] = False
        # Near-duplicate groups and template memory depend on the order in which records
        # finish extraction; a process pool makes that order vary from run to run. Inline
        # extraction makes it the same every time, which is what a replay is for.
        updates["THRESHER_EXTRACT_WORKERS"] = 0
    if record_into is not None:
        updates[RECORD_DIR_SETTING] = str(record_into)
        middlewares[RECORD_MIDDLEWARE] = RECORD_MIDDLEWARE_ORDER
        if record_redirect_hops:
            middlewares[REDIRECT_HOP_RECORD_MIDDLEWARE] = REDIRECT_HOP_RECORD_ORDER
    if warc_out is not None:
        updates[WARC_OUT_SETTING] = str(warc_out)
        middlewares[WARC_MIDDLEWARE] = WARC_MIDDLEWARE_ORDER
    if middlewares:
        updates["DOWNLOADER_MIDDLEWARES"] = middlewares
        # Records then carry the fetch time the recording (or archive) holds.
        updates["SPIDER_MIDDLEWARES"] = {FETCH_TIME_MIDDLEWARE: FETCH_TIME_MIDDLEWARE_ORDER}
    return updates


def apply_capture_settings(args: argparse.Namespace, settings: Any) -> None:
    """Merge the capture options of ``args`` into ``settings`` (Settings or dict)."""
    updates = capture_settings(replay=getattr(args, "replay", None),
                               record_into=getattr(args, "record_into", None),
                               warc_out=getattr(args, "warc_out", None))
    for key, value in updates.items():
        if isinstance(value, dict):
            merged = dict(_get(settings, key) or {})
            merged.update(value)
            value = merged
        _set(settings, key, value)


def _get(settings: Any, key: str) -> Any:
    if isinstance(settings, MutableMapping):
        return settings.get(key)
    value = settings.get(key)
    # A Scrapy Settings returns a BaseSettings for dict settings.
    return value.copy_to_dict() if hasattr(value, "copy_to_dict") else value


def _set(settings: Any, key: str, value: Any) -> None:
    if isinstance(settings, MutableMapping):
        settings[key] = value
    else:
        settings.set(key, value, priority="cmdline")
