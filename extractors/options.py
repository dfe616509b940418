"""Explicit options for one extraction call: no globals, everything passed in."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SiteRules:
    """Rules for one site, loaded from a rule file by the caller (the crawler or the CLI).

    Selectors are CSS (applied with lxml's cssselect) or XPath when they start with "/" or "(".
    """

    name: str = ""
    drop_selectors: tuple[str, ...] = ()  # elements removed before extraction
    body_selector: str | None = None  # when set and found, only this subtree is the body
    drop_phrases: tuple[str, ...] = ()  # lines containing one of these are removed
    drop_lines: tuple[str, ...] = ()  # exact lines (whitespace-folded) to remove: template memory
    field_overrides: tuple[tuple[str, str], ...] = ()  # (field, selector) e.g. ("title", "h1.t")


@dataclass(frozen=True)
class ExtractOptions:
    """Options for :func:`extractors.extract`. The defaults suit news and blog pages."""

    http_charset: str | None = None  # charset from the HTTP Content-Type header, if any
    http_content_type: str | None = None  # the full Content-Type header, if any
    max_input_bytes: int = 8 * 1024 * 1024  # larger inputs are refused (InputTooLarge)
    max_depth: int = 400  # deeper nesting is refused (TooDeeplyNested)
    min_body_words: int = 10  # shorter bodies are refused (BodyTooShort)
    include_tables: bool = True
    include_comments: bool = False  # reader comments are clutter for a news record
    favor: str = "balanced"  # "balanced" | "precision" | "recall"
    site_rules: SiteRules = field(default_factory=SiteRules)
    language_hint: str | None = None  # used only when detection is unsure
