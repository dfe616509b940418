"""Article facts from the page's JSON-LD (schema.org), read defensively.

Pages ship broken JSON-LD (trailing commas, raw newlines in strings, several objects in
one script, ``@graph`` wrappers, authors as strings, objects or lists). Whatever cannot be
read is skipped; nothing here raises.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any

from lxml import html as lxml_html

# Types whose headline and dates are the article's own, best first.
_ARTICLE_TYPES = ("newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "backgroundnewsarticle", "article", "blogposting",
                  "liveblogposting", "socialmediaposting", "scholarlyarticle", "techarticle",
                  "report", "posting")
_PAGE_TYPES = ("webpage", "itempage", "collectionpage")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_MAX_SCRIPTS = 12
_MAX_SCRIPT_CHARS = 500_000


@dataclass(frozen=True)
class JsonLdFacts:
    headline: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    url: str | None = None
    description: str | None = None
    language: str | None = None


def read_jsonld(tree: lxml_html.HtmlElement,
                scripts: Iterable[lxml_html.HtmlElement] | None = None) -> JsonLdFacts:
    """Facts of the most article-like JSON-LD object on the page (empty when there is none).

    ``scripts``: the document's <script> elements in document order, when the caller has
    them already (else the tree is searched).
    """
    objects: list[dict[str, Any]] = []
    # what '//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]' finds,
    # without an XPath predicate run on every element
    if scripts is None:
        scripts = tree.getroottree().iter("script")
    scripts = (script for script in scripts if _is_ld_json(script.get("type")))
    for script in islice(scripts, _MAX_SCRIPTS):
        objects.extend(_objects(_load(script.text or "")))
    best = _best_object(objects)
    if best is None:
        return JsonLdFacts()
    return JsonLdFacts(
        headline=_text(best.get("headline")) or _text(best.get("name")),
        date_published=_text(best.get("datePublished")) or _text(best.get("dateCreated")),
        date_modified=_text(best.get("dateModified")),
        authors=_names(best.get("author")) or _names(best.get("creator")),
        publisher=_first_name(best.get("publisher")) or _site_name(objects),
        url=_url(best.get("url")) or _url(best.get("mainEntityOfPage")),
        description=_text(best.get("description")),
        language=_text(best.get("inLanguage")),
    )


def _is_ld_json(script_type: str | None) -> bool:
    """"ld+json" in the type once its letters L, D, J, S, O, N are lower-cased, as XPath's
    translate() does; lower() is the same test at a third of the cost: the only letters it
    turns into l, d, j, s, o or n are those upper-case six, and a character it lengthens
    (İ) turns into no character of "ld+json", so a match stands where it stood."""
    return script_type is not None and "ld+json" in script_type.lower()


def _load(source: str) -> Any:
    source = source.strip()
    if not source or len(source) > _MAX_SCRIPT_CHARS:
        return None
    if source.startswith("<!--"):
        source = source.removeprefix("<!--").removesuffix("-->").strip()
    for attempt in (source, _TRAILING_COMMA.sub(r"\1", source)):
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _objects(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    """Every dict at the top, in lists, and in ``@graph`` (not deeper: those are parts)."""
    if depth > 3:
        return []
    if isinstance(data, list):
        return [o for item in data[:50] for o in _objects(item, depth + 1)]
    if not isinstance(data, dict):
        return []
    found = [data]
    graph = data.get("@graph")
    if isinstance(graph, list | dict):
        found.extend(_objects(graph, depth + 1))
    main = data.get("mainEntity")
    if isinstance(main, dict):
        found.extend(_objects(main, depth + 1))
    return found


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.lower().rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)]


def _best_object(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    def rank(obj: dict[str, Any]) -> int:
        kinds = _types(obj)
        for position, name in enumerate(_ARTICLE_TYPES):
            if name in kinds:
                return position
        if any(k in _PAGE_TYPES for k in kinds) and obj.get("datePublished"):
            return len(_ARTICLE_TYPES)
        return -1

    ranked = [(rank(o), i) for i, o in enumerate(objects)]
    ranked = [(r, i) for r, i in ranked if r >= 0]
    return objects[min(ranked)[1]] if ranked else None


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(html.unescape(value).split())
    return value or None


def _names(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:20]:
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if name and not name.lower().startswith(("http://", "https://")):
            names.append(name)
    return tuple(names)


def _first_name(value: Any) -> str | None:
    names = _names(value)
    return names[0] if names else None


def _site_name(objects: list[dict[str, Any]]) -> str | None:
    for obj in objects:
        if "website" in _types(obj) or "newsmediaorganization" in _types(obj):
            return _text(obj.get("name"))
    return None


def _url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    text = _text(value)
    return text if text and text.startswith(("http://", "https://", "/")) else None
