"""The article body: trafilatura on the parsed tree, then line-level clutter rules."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from lxml import html as lxml_html
from trafilatura.xml import xmltotxt

from .lexicon import Lexicon
from .options import ExtractOptions
from .record import RemovedText


@dataclass(frozen=True)
class Body:
    text: str
    markdown: str
    removed: tuple[RemovedText, ...]
    rules_fired: tuple[str, ...]


def extract_body(tree: lxml_html.HtmlElement, url: str | None, options: ExtractOptions,
                 lexicon: Lexicon) -> Body | None:
    """Main text of ``tree`` as plain text and markdown, or ``None`` when there is none."""
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=options.include_comments,
        include_tables=options.include_tables,
        include_formatting=True,
        favor_precision=options.favor == "precision",
        favor_recall=options.favor == "recall",
        with_metadata=False,
    )
    if document is None or document.body is None:
        return None
    markdown = xmltotxt(document.body, True)
    kept, removed = _drop_clutter_lines(markdown.split("\n"), lexicon)
    markdown = "\n".join(kept).strip()
    return Body(
        text=markdown_to_text(markdown),
        markdown=markdown,
        removed=tuple(removed),
        rules_fired=tuple(sorted({r.rule for r in removed})),
    )


def _drop_clutter_lines(lines: list[str], lexicon: Lexicon) -> tuple[list[str], list[RemovedText]]:
    kept: list[str] = []
    removed: list[RemovedText] = []
    for index, line in enumerate(lines):
        plain = _strip_markdown(line)
        rule = lexicon.first_match(plain)
        if rule is None:
            kept.append(line)
            continue
        if rule.kind == "boundary" and index >= len(lines) * 2 // 3:
            tail = " ".join(_strip_markdown(x) for x in lines[index:] if x.strip())
            removed.append(RemovedText(f"lexicon:{rule.id}", tail[:500]))
            break
        removed.append(RemovedText(f"lexicon:{rule.id}", plain[:500]))
    return kept, removed


def _strip_markdown(line: str) -> str:
    return line.lstrip("#>-*| ").replace("**", "").replace("*", "").strip()


def markdown_to_text(markdown: str) -> str:
    """Plain text: paragraphs split by a blank line, list items and table rows one per line."""
    out: list[str] = []
    for block in markdown.split("\n\n"):
        lines = [_strip_markdown(x) for x in block.split("\n")]
        lines = [x for x in lines if x and set(x) - set("-|: ")]
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out)
