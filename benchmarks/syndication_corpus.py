"""A synthetic corpus of syndicated news copies, in English and Chinese, for dedup evaluation.

Each story is written once by an "original" outlet; zero to two other outlets republish it
with small edits (a different headline, an "(Outlet) —" prefix, a dropped paragraph, an
update note, a trimmed sentence) and usually credit the original. Many other stories on the
same topics use the same sentence frames and vocabulary with different people, places and
numbers: they are the look-alikes that must never be grouped. Every run with a new seed gives
pages nobody has seen; the words come from ``syndication_words.toml`` (all invented).
"""

from __future__ import annotations

import hashlib
import html
import random
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from extractors import Article, content_hash, count_words, record_id

WORDS_FILE = Path(__file__).with_name("syndication_words.toml")
EDITS = ("prefix", "drop", "update", "trim")
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class SyndicatedPage:
    """One published version of a story, with the truth the evaluation needs."""

    story_id: str  # pages with the same story_id are copies of each other
    language: str  # "en" | "zh"
    topic: str
    outlet: str  # the publishing outlet's name (site_name)
    url: str
    title: str
    paragraphs: tuple[str, ...]
    published_at: str  # ISO 8601, UTC
    credits: str | None  # the outlet this page credits as original source
    is_original: bool
    edits: tuple[str, ...] = ()


def load_words(path: Path = WORDS_FILE) -> dict:
    return tomllib.loads(path.read_text("utf-8"))


def generate_corpus(seed: int, stories_per_topic: int = 20, copy_share: float = 0.6,
                    languages: tuple[str, ...] = ("en", "zh"),
                    words: dict | None = None) -> list[SyndicatedPage]:
    """Stories on every topic of every language; ``copy_share`` of them get 1-2 copies."""
    words = words or load_words()
    rng = random.Random(seed)
    start = datetime(2024, 3, 1, tzinfo=UTC) + timedelta(days=seed % 365)
    pages: list[SyndicatedPage] = []
    for language in languages:
        lang = words[language]
        for topic in sorted(lang["topics"]):
            for number in range(stories_per_topic):
                story_id = f"{seed}-{language}-{topic}-{number}"
                published = start + timedelta(hours=rng.randint(0, 24 * 60))
                original = _write_story(rng, lang, language, topic, story_id, published)
                pages.append(original)
                if rng.random() < copy_share:
                    others = [o for o in lang["outlets"] if o != original.outlet]
                    for outlet in rng.sample(others, rng.randint(1, 2)):
                        pages.append(_copy(rng, lang, original, outlet))
    rng.shuffle(pages)
    return pages


def _write_story(rng: random.Random, lang: dict, language: str, topic: str, story_id: str,
                 published: datetime) -> SyndicatedPage:
    slots = _story_slots(rng, lang, language, topic)
    frames = list(lang["frames"])
    paragraphs = []
    joiner = " " if language == "en" else ""
    for _ in range(rng.randint(4, 10)):
        sentences = [_fill(rng, rng.choice(frames), slots) for _ in range(rng.randint(1, 3))]
        paragraphs.append(joiner.join(sentences))
    outlet = rng.choice(lang["outlets"])
    return SyndicatedPage(
        story_id=story_id,
        language=language,
        topic=topic,
        outlet=outlet,
        url=_url(outlet, story_id, language),
        title=_fill(rng, rng.choice(lang["headline_frames"]), slots),
        paragraphs=tuple(paragraphs),
        published_at=published.isoformat(),
        credits=None,
        is_original=True,
    )


def _story_slots(rng: random.Random, lang: dict, language: str, topic: str) -> dict:
    """The story's own cast: who, where, which organisations (fixed for all its sentences)."""
    vocab = lang["topics"][topic]
    places = rng.sample(lang["places"], 2)
    orgs = rng.sample(vocab["org"], 2)
    return {
        "person": _person(rng, lang, language),
        "person2": _person(rng, lang, language),
        "place": places[0],
        "place2": places[1],
        "org": orgs[0],
        "org2": orgs[1],
        "day": rng.choice(lang["days"]),
        "vocab": vocab,
        "ordinals": lang["ordinals"],
    }


def _person(rng: random.Random, lang: dict, language: str) -> str:
    if language == "en":
        return f"{rng.choice(lang['first_names'])} {rng.choice(lang['last_names'])}"
    return rng.choice(lang["surnames"]) + rng.choice(lang["given_names"])


def _fill(rng: random.Random, frame: str, slots: dict) -> str:
    vocab = slots["vocab"]

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in slots and name not in ("vocab", "ordinals"):
            return slots[name]
        if name == "num":
            return str(rng.randint(12, 4800))
        if name == "pct":
            return str(rng.randint(3, 87))
        if name == "ordinal":
            return rng.choice(slots["ordinals"])
        if name == "quote2":
            return rng.choice(vocab["quote"]).lower()
        return rng.choice(vocab[name])

    return _SLOT.sub(value, frame)


def _copy(rng: random.Random, lang: dict, original: SyndicatedPage,
          outlet: str) -> SyndicatedPage:
    edits = tuple(sorted(rng.sample(EDITS, rng.randint(1, 3))))
    paragraphs = list(original.paragraphs)
    slots = _story_slots(rng, lang, original.language, original.topic)
    if "drop" in edits and len(paragraphs) >= 4:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    if "trim" in edits:
        paragraphs[-1] = _trim_last_sentence(paragraphs[-1], original.language)
    if "prefix" in edits:
        if original.language == "en":
            paragraphs[0] = f"({original.outlet}) — {paragraphs[0]}"
        else:
            paragraphs[0] = f"（{original.outlet}）——{paragraphs[0]}"
    if "update" in edits:
        note = _fill(rng, rng.choice(lang["update_notes"]), slots)
        paragraphs.insert(0 if rng.random() < 0.5 else len(paragraphs), note)
    credits = original.outlet if rng.random() < 0.6 else None
    # A copy is published after the original, but feeds sometimes misdate a credited copy.
    hours = -rng.randint(1, 12) if credits and rng.random() < 0.2 else rng.randint(1, 48)
    published = datetime.fromisoformat(original.published_at) + timedelta(hours=hours)
    title = original.title
    if rng.random() < 0.7:
        title = _fill(rng, rng.choice(lang["headline_frames"]), slots)
        edits = (*edits, "headline")
    return replace(
        original,
        outlet=outlet,
        url=_url(outlet, original.story_id, original.language),
        title=title,
        paragraphs=tuple(p for p in paragraphs if p.strip()),
        published_at=published.isoformat(),
        credits=credits,
        is_original=False,
        edits=edits,
    )


def _trim_last_sentence(paragraph: str, language: str) -> str:
    marks = r"(?<=[.!?\"])\s+" if language == "en" else r"(?<=[。！？”])"
    sentences = [s for s in re.split(marks, paragraph) if s]
    if len(sentences) < 2:
        return paragraph
    return (" " if language == "en" else "").join(sentences[:-1])


def site_host(outlet: str, language: str) -> str:
    if language == "en":
        return re.sub(r"[^a-z]", "", outlet.lower()) + ".example"
    return "zh-" + hashlib.blake2b(outlet.encode("utf-8"), digest_size=3).hexdigest() + ".example"


def _url(outlet: str, story_id: str, language: str) -> str:
    slug = hashlib.blake2b(story_id.encode("utf-8"), digest_size=6).hexdigest()
    return f"https://{site_host(outlet, language)}/news/{slug}.html"


def to_article(page: SyndicatedPage) -> Article:
    """The record extraction would give for ``page`` (for large runs without HTML)."""
    text = "\n\n".join(page.paragraphs)
    return Article(
        id=record_id(page.url, text),
        url=page.url,
        canonical_url=page.url,
        title=page.title,
        text=text,
        markdown=text,
        word_count=count_words(text),
        content_hash=content_hash(text),
        language=page.language,
        published_at=page.published_at,
        site_name=page.outlet,
        original_source=page.credits,
    )


def to_html(page: SyndicatedPage) -> bytes:
    """The page as an outlet would serve it: its own chrome around the article and a credit."""
    esc = html.escape
    credit = ""
    if page.credits:
        label = "Source:" if page.language == "en" else "来源："
        credit = f"<p>{label} {esc(page.credits)}</p>"
    body = "\n".join(f"<p>{esc(p)}</p>" for p in page.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{page.language}"><head><meta charset="utf-8">
<title>{esc(page.title)} | {esc(page.outlet)}</title>
<meta property="og:site_name" content="{esc(page.outlet)}">
<meta property="article:published_time" content="{page.published_at}">
<link rel="canonical" href="{page.url}"></head>
<body><header><nav><a href="/">{esc(page.outlet)}</a> <a href="/news">News</a></nav></header>
<main><article><h1>{esc(page.title)}</h1>
<time datetime="{page.published_at}">{page.published_at[:10]}</time>
{body}
{credit}
</article></main>
<footer><p>{esc(page.outlet)} · <a href="/about">About</a></p></footer></body></html>
""".encode()
