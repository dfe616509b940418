"""Find and load the published JSON Schema of the record (schema/article.schema.json)."""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

SCHEMA_NAME = "article.schema.json"


def schema_candidates() -> list[Path | Traversable]:
    """Where the schema may live: the repo's schema/ folder, then the extractors package
    (a Traversable, not a Path: inside a zipped egg, as Scrapyd runs it, there is no file)."""
    repo_copy = Path(__file__).resolve().parents[1] / "schema" / SCHEMA_NAME
    packaged = resources.files("extractors") / "data" / SCHEMA_NAME
    return [repo_copy, packaged]


def load_article_schema() -> tuple[dict[str, Any] | None, Path | Traversable | None]:
    """The schema and its path, or ``(None, None)`` when no copy exists yet."""
    for path in schema_candidates():
        if path.is_file():
            return json.loads(path.read_text("utf-8")), path
    return None, None
