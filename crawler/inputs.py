"""Find the pages a command points at: HTML files, fixture case folders, folders of either."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class PageInput:
    path: Path  # the HTML file
    url: str | None  # from the fixture's meta.json, or --url
    http_charset: str | None = None
    content_type: str | None = None


def is_fixture_case(path: Path) -> bool:
    return path.is_dir() and (path / "input.html").is_file()


def iter_page_inputs(paths: list[Path], url: str | None = None) -> Iterator[PageInput | Path]:
    """Yield a PageInput per page found; yield the bare Path for a path that does not exist."""
    for path in paths:
        if is_fixture_case(path):
            yield read_fixture_input(path)
        elif path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield PageInput(path, url)
        else:
            yield path


def _walk(folder: Path) -> Iterator[PageInput]:
    for child in sorted(folder.iterdir()):
        if is_fixture_case(child):
            yield read_fixture_input(child)
        elif child.is_dir():
            yield from _walk(child)
        elif child.suffix.lower() in HTML_SUFFIXES:
            yield PageInput(child, None)


def read_fixture_input(case: Path) -> PageInput:
    meta_path = case / "meta.json"
    meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
    headers = {k.lower(): v for k, v in (meta.get("headers") or {}).items()}
    content_type = headers.get("content-type")
    return PageInput(case / "input.html", meta.get("url"), _charset_of(content_type), content_type)


def _charset_of(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None
