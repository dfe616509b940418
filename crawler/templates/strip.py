"""Take a site's template lines out of one of its records, and say what went.

Removed lines are listed in ``extraction.removed`` under the rule id ``template:<site>``;
``text``, ``markdown``, ``word_count``, ``content_hash`` and the clutter lint are recomputed
with the extractors' own helpers, so a stripped record looks as if extraction had known.
A page that would be left with no text keeps everything: that page is not an article with
template around it, and deleting it whole is not this step's call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from extractors import DEFAULT_LEXICON, Article, RemovedText, content_hash, count_words, record_id
from extractors.lexicon import fold_line
from extractors.lint import clutter_lint

from .lines import markdown_key, title_guard

RULE_PREFIX = "template:"


def strip_template(record: Article, template: Mapping[str, str], site: str) -> Article:
    """``record`` without the lines ``template`` (folded key -> text) names."""
    if not template:
        return record
    title = title_guard(record.title)
    doomed = {key for key in template if not (title and key in title)}
    text, removed = _drop_lines(record.text, doomed, fold_line)
    if not removed or not text.strip():
        return record
    markdown, _ = _drop_lines(record.markdown, doomed, markdown_key)
    rule = RULE_PREFIX + site
    info = record.extraction
    info = replace(
        info,
        removed=info.removed + tuple(RemovedText(rule, line[:500]) for line in removed),
        rules_fired=tuple(sorted({*info.rules_fired, rule})),
        clutter_lint=clutter_lint(text, DEFAULT_LEXICON),
    )
    return replace(
        record,
        id=record.id if record.canonical_url else record_id(None, text),
        text=text,
        markdown=markdown,
        word_count=count_words(text),
        content_hash=content_hash(text),
        extraction=info,
    )


def _drop_lines(text: str, doomed: set[str],
                key_of: Callable[[str], str]) -> tuple[str, list[str]]:
    """Lines whose key is doomed removed; blank-line paragraph breaks kept tidy."""
    kept: list[str] = []
    removed: list[str] = []
    for line in text.split("\n"):
        if line.strip() and key_of(line) in doomed:
            removed.append(line.strip())
            continue
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue  # no leading blank line, no double blank line
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept), removed
