"""Load one site-rule TOML file into :class:`extractors.SiteRules`.

    name = "example-news"
    body_selector = "div.article-content"
    drop_selectors = ["div.share", "#comments"]
    drop_phrases = ["Randomly recommend to you"]
    drop_lines = ["Back to top"]
    [field_overrides]
    title = "h1.headline"
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from extractors import SiteRules

_LIST_KEYS = ("drop_selectors", "drop_phrases", "drop_lines")
_KNOWN_KEYS = frozenset((*_LIST_KEYS, "name", "body_selector", "field_overrides", "fixtures"))


class SiteRulesError(ValueError):
    """A rule file that cannot be used; the message names the file, the key and the reason."""


def load_site_rules(path: Path) -> SiteRules:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise SiteRulesError(f"{path}: no such rule file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteRulesError(f"{path}: unreadable: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SiteRulesError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise SiteRulesError(f"{path}: {unknown[0]}: unknown key")
    lists = {key: _strings(path, key, data.get(key, [])) for key in _LIST_KEYS}
    return SiteRules(
        name=_optional_string(path, "name", data.get("name")) or path.stem,
        body_selector=_optional_string(path, "body_selector", data.get("body_selector")),
        field_overrides=_overrides(path, data.get("field_overrides", {})),
        **lists,
    )


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SiteRulesError(f"{path}: {key}: expected a list of non-empty strings")
    return tuple(value)


def _optional_string(path: Path, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise SiteRulesError(f"{path}: {key}: expected a non-empty string")
    return value


def _overrides(path: Path, value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise SiteRulesError(f"{path}: field_overrides: expected a table of field = selector")
    return tuple(sorted(value.items()))
