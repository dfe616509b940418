"""The articles the aggregator pages copy: English bodies read at run time from the Zyte /
Scrapinghub benchmark's ground truth (never copied into the repo), and our own short
zh/de/es/fr articles from ``aggregator_templates/articles_<lang>.toml``.

A body is a tuple of :class:`Block`; the page generator decides later how each block is
rendered, and the ground truth text is derived from the blocks alone.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

TEMPLATES = Path(__file__).with_name("aggregator_templates")
BENCH_GROUND_TRUTH = (
    Path(__file__).resolve().parents[2]
    / "shared" / "bench" / "article-extraction-benchmark" / "ground-truth.json"
)
SPLITS = ("dev", "holdout", "fresh")
OWN_LANGUAGES = ("zh", "de", "es", "fr")

# English bodies: long enough to be an article, short enough to keep a run quick.
MIN_WORDS, MAX_WORDS = 80, 2500
_EN_STOPWORDS = frozenset((
    "the", "a", "an", "and", "of", "to", "in", "is", "that", "for", "on", "with", "as", "was",
    "by", "it", "be", "are", "at", "from", "has", "have", "this", "said", "not", "but", "he",
    "she", "they", "we", "his", "her", "their", "will",
))
_WORD = re.compile(r"\w+", re.UNICODE)
_SLUG_NOISE = re.compile(r"^(?:\d+|[a-z]?\d[\w]*|index|article|story|news|html?|php)$")
_SMALL_WORDS = frozenset((
    "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "via",
    "with",
))


@dataclass(frozen=True)
class Block:
    """One body block. ``kind``: "p" | "ul" | "ol" | "quote" | "table"."""

    kind: str
    items: tuple[str, ...]  # one text for p/quote, the items of a list, the rows of a table
    cells: tuple[tuple[str, ...], ...] = ()  # table only: the cells of each row

    def truth_text(self) -> str:
        if self.kind == "table":
            return "\n".join(" ".join(row) for row in self.cells)
        return "\n".join(self.items)


@dataclass(frozen=True)
class SourceArticle:
    key: str  # stable id: "en:<benchmark hash>" or "zh:3"
    language: str
    title: str
    blocks: tuple[Block, ...]


class SourceError(Exception):
    """The article sources cannot be read (missing benchmark file, malformed template)."""


def load_sources(split: str, ground_truth: Path = BENCH_GROUND_TRUTH,
                 templates: Path = TEMPLATES) -> dict[str, tuple[SourceArticle, ...]]:
    """All source articles of ``split``, by language."""
    if split not in SPLITS:
        raise SourceError(f"unknown split {split!r}: expected one of {SPLITS}")
    sources = {"en": english_articles(split, ground_truth)}
    for language in OWN_LANGUAGES:
        sources[language] = own_articles(language, split, templates)
    return sources


def english_split(position: int) -> str:
    """The split of the benchmark body at ``position`` (in hash order).

    Even positions are dev, as they always were, so the tuning split never moves; the odd
    ones alternate between holdout and fresh, which keeps fresh's bodies away from both.
    """
    if position % 2 == 0:
        return "dev"
    return "holdout" if position % 4 == 1 else "fresh"


def english_articles(split: str, ground_truth: Path) -> tuple[SourceArticle, ...]:
    """English bodies of the benchmark that belong to ``split`` (see :func:`english_split`)."""
    try:
        data = json.loads(ground_truth.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(f"{ground_truth}: cannot read the benchmark ({exc})") from exc
    articles = []
    for position, key in enumerate(sorted(data)):
        if english_split(position) != split:
            continue
        body, url = data[key].get("articleBody") or "", data[key].get("url") or ""
        lines = tuple(line.strip() for line in body.split("\n") if line.strip())
        if not _usable_english(lines):
            continue
        title = headline_from_url(url) or _headline_from_text(lines[0])
        blocks = tuple(Block("p", (line,)) for line in lines)
        articles.append(SourceArticle(f"en:{key}", "en", title, blocks))
    return tuple(articles)


def own_articles(language: str, split: str, templates: Path) -> tuple[SourceArticle, ...]:
    path = templates / f"articles_{language}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(f"{path}: cannot read articles ({exc})") from exc
    articles = []
    for number, entry in enumerate(data.get("article", [])):
        if entry.get("split") != split:
            continue
        try:
            blocks = parse_blocks(entry["body"])
            title = entry["title"]
        except (KeyError, ValueError) as exc:
            raise SourceError(f"{path}: article {number}: {exc}") from exc
        articles.append(SourceArticle(f"{language}:{number}", language, title, blocks))
    return tuple(articles)


def parse_blocks(markup: str) -> tuple[Block, ...]:
    """The templates' tiny markdown: blocks split by blank lines; "- ", "1. ", "> ", "| |"."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", markup.strip()):
        lines = [line.strip() for line in chunk.strip().split("\n") if line.strip()]
        if not lines:
            continue
        first = lines[0]
        if first.startswith("- "):
            blocks.append(Block("ul", tuple(line[2:].strip() for line in lines)))
        elif re.match(r"\d+\. ", first):
            blocks.append(Block("ol", tuple(re.sub(r"^\d+\.\s+", "", x) for x in lines)))
        elif first.startswith(">"):
            blocks.append(Block("quote", (" ".join(x.lstrip("> ").strip() for x in lines),)))
        elif first.startswith("|"):
            rows = tuple(tuple(c.strip() for c in x.strip("|").split("|")) for x in lines)
            blocks.append(Block("table", tuple(" ".join(r) for r in rows), rows))
        else:
            blocks.append(Block("p", (" ".join(lines),)))
    if not blocks:
        raise ValueError("empty body")
    return tuple(blocks)


def headline_from_url(url: str) -> str | None:
    """A headline from the URL slug ("police-use-of-chinese-cameras" → "Police Use of ...")."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    for segment in reversed(segments):
        words = [w for w in re.split(r"[-_]+", re.sub(r"\.\w+$", "", segment)) if w]
        while words and _SLUG_NOISE.match(words[-1].lower()):  # trailing story ids
            words.pop()
        while words and re.fullmatch(r"\d{4,}", words[0]):  # leading story ids, not "13"-inch
            words.pop(0)
        if len(words) >= 4:
            return _title_case(words[:14])
    return None


def _headline_from_text(first_line: str) -> str:
    words = first_line.split()[:10]
    return " ".join(words).rstrip(".,;:") if words else "Untitled"


def _title_case(words: list[str]) -> str:
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        out.append(lower if i and lower in _SMALL_WORDS else lower[:1].upper() + lower[1:])
    return " ".join(out)


def _usable_english(lines: tuple[str, ...]) -> bool:
    words = [w.lower() for w in _WORD.findall(" ".join(lines))]
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    return sum(w in _EN_STOPWORDS for w in words) / len(words) >= 0.2
