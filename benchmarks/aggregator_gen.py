"""Deterministic generator of aggregator pages with ground truth (the seed page's kind).

A page copies one article (English from the Zyte benchmark at run time, zh/de/es/fr from our
own templates), wraps it in one of several layouts with clutter in one of five languages,
and records the truth: body text and list items, title, publication date, the credited
outlet, the language, and every clutter line written into the page.

``dev``, ``holdout`` and ``fresh`` draw from different RNG streams, different wordings,
outlets, site names and title formats, and different article bodies, so a rule tuned on dev
is reported on wordings it never saw. ``fresh`` was written after some holdout wordings had
been seen while tuning: it is the split nobody has looked at (keep it that way — report it,
never tune on its failures).

Write pages to look at:  python -m benchmarks.aggregator_gen --split dev --pages 20 --out /tmp/agg
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from .aggregator_layouts import LAYOUTS
from .aggregator_pieces import (
    LANGUAGES,
    ClutterLine,
    PageBuilder,
    attr,
    body_truth_text,
    esc,
    load_layout_data,
    load_wordings,
)
from .aggregator_sources import (
    BENCH_GROUND_TRUTH,
    SPLITS,
    TEMPLATES,
    Block,
    SourceArticle,
    load_sources,
)

LANGUAGE_WEIGHTS = {"en": 0.4, "zh": 0.15, "de": 0.15, "es": 0.15, "fr": 0.15}
_EPOCH = datetime(2019, 1, 1)
_SPAN_SECONDS = int((datetime(2024, 12, 31) - _EPOCH).total_seconds())


@dataclass(frozen=True)
class Truth:
    title: str
    published: str  # ISO 8601 local time as the page shows it, e.g. "2023-06-04T15:52:03"
    original_source: str  # the outlet the credit line names
    language: str  # ISO 639-1
    body: str  # paragraphs split by a blank line, list items and table rows one a line
    list_items: tuple[str, ...]
    clutter: tuple[ClutterLine, ...]

    @property
    def published_day(self) -> str:
        return self.published[:10]


@dataclass(frozen=True)
class GeneratedPage:
    page_id: str  # "<split>-<seed>-<index>"
    split: str
    layout: str
    url: str
    charset: str
    html: bytes
    truth: Truth
    article_key: str  # which source article the body came from


@dataclass(frozen=True)
class _Corpus:
    """Everything one split's pages are drawn from, loaded once per run."""

    split: str
    sources: dict[str, tuple[SourceArticle, ...]]
    wordings: dict[str, object]
    layout_data: dict[str, tuple[str, ...]]


def generate_pages(split: str = "dev", count: int = 300, seed: int = 0, *,
                   ground_truth: Path = BENCH_GROUND_TRUTH,
                   templates: Path = TEMPLATES) -> list[GeneratedPage]:
    """``count`` pages of ``split``; the same arguments always give the same pages."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: expected one of {SPLITS}")
    corpus = _Corpus(
        split,
        load_sources(split, ground_truth, templates),
        {lang: load_wordings(lang, split, templates) for lang in LANGUAGES},
        load_layout_data(split, templates),
    )
    layout_names = sorted(LAYOUTS)
    pages = []
    for index in range(count):
        rng = random.Random(f"aggregator/{split}/{seed}/{index}")
        layout = layout_names[(index + seed) % len(layout_names)]
        pages.append(_generate_page(corpus, rng, layout, f"{split}-{seed}-{index}"))
    return pages


def _generate_page(corpus: _Corpus, rng: random.Random, layout: str, page_id: str) -> GeneratedPage:
    language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
    candidates = corpus.sources[language]
    article = rng.choice(candidates)
    blocks = shape_blocks(article.blocks, rng) if language == "en" else article.blocks
    builder = PageBuilder(
        rng=rng,
        words=corpus.wordings[language],
        layout_data=corpus.layout_data,
        article=article,
        blocks=blocks,
        published=_EPOCH + timedelta(seconds=rng.randrange(_SPAN_SECONDS)),
        other_headlines=tuple(a.title for a in candidates if a.key != article.key),
    )
    output = LAYOUTS[layout](builder)
    url = (f"https://{builder.domain}/{rng.choice(('news', 'html', 'a', 'content', 'article'))}/"
           f"{builder.published:%Y%m%d}/{rng.randrange(10**5, 10**7)}.html")
    charset = "gbk" if language == "zh" and rng.random() < 0.3 else "utf-8"
    document = _document(builder, output.body, output.html_attrs, charset)
    truth = Truth(
        title=article.title,
        published=builder.published.strftime("%Y-%m-%dT%H:%M:%S"),
        original_source=builder.outlet,
        language=language,
        body=body_truth_text(blocks),
        list_items=tuple(i for blk in blocks if blk.kind in ("ul", "ol") for i in blk.items),
        clutter=tuple(dict.fromkeys(builder.clutter)),
    )
    return GeneratedPage(page_id, corpus.split, layout, url, charset,
                         document.encode(charset, errors="xmlcharrefreplace"), truth, article.key)


def shape_blocks(blocks: tuple[Block, ...], rng: random.Random) -> tuple[Block, ...]:
    """Give a plain English body the structure real copies have: a list, maybe a quote.

    A run of 3-6 consecutive short paragraphs becomes one <ul>/<ol> (the seed's "This
    affected:" list); a short paragraph that opens with a quotation mark may become a
    <blockquote>. The words and their order never change, so the truth stays the source's.
    """
    out = list(blocks)
    runs = _short_runs(out)
    if runs and rng.random() < 0.75:
        start, length = rng.choice(runs)
        size = rng.randrange(3, min(length, 6) + 1)
        start += rng.randrange(0, length - size + 1)
        items = tuple(out[i].items[0] for i in range(start, start + size))
        out[start:start + size] = [Block(rng.choice(("ul", "ul", "ol")), items)]
    for i, block in enumerate(out):
        text = block.items[0]
        if block.kind == "p" and text[:1] in "\"“" and len(text) < 400 and rng.random() < 0.3:
            out[i] = Block("quote", (text,))
            break
    return tuple(out)


def _short_runs(blocks: list[Block]) -> list[tuple[int, int]]:
    """(start, length) of maximal runs of 3+ short paragraphs, never the lead paragraph nor
    the closing one (a closing short line is usually a credit, not a list item)."""
    runs, start = [], None
    for i, block in enumerate([*blocks, Block("p", ("x" * 999,))]):
        short = 0 < i < len(blocks) - 1 and block.kind == "p" and len(block.items[0]) < 260
        if short and start is None:
            start = i
        elif not short and start is not None:
            if i - start >= 3:
                runs.append((start, i - start))
            start = None
    return runs


def _document(b: PageBuilder, body: str, html_attrs: str, charset: str) -> str:
    title_format = b.rng.choice(b.layout_data["title_formats"])
    title = title_format.format(headline=b.article.title, outlet=b.outlet, site=b.site,
                                section=b.section)
    lang = f' lang="{b.words.language}"' if b.rng.random() < 0.55 else ""
    head = [
        f'<meta charset="{charset}">' if b.rng.random() < 0.6 else
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        f"<title>{esc(title)}</title>",
    ]
    first = b.blocks[0].items[0]
    if b.rng.random() < 0.6:
        head.append(f'<meta name="description" content="{attr(first[:120])}">')
    if b.rng.random() < 0.4:
        head.append(f'<meta property="og:title" content="{attr(b.article.title)}">')
    if b.rng.random() < 0.25:
        head.append('<meta property="article:published_time" '
                    f'content="{b.published:%Y-%m-%dT%H:%M:%S}">')
    wrapper = b.cls("wrapper")
    head.append(f"<style>body{{font-family:Arial}}.{wrapper}{{width:1200px;margin:0 auto}}</style>")
    script = ('<script>var _hmt=_hmt||[];(function(){var hm=document.createElement("script");'
              'hm.src="/stat.js";document.body.appendChild(hm);})();</script>')
    doctype = b.rng.choice((
        "<!DOCTYPE html>",
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
    ))
    return (f"{doctype}\n<html{lang}{html_attrs}><head>{''.join(head)}</head>\n"
            f"<body>\n{body}\n{script}\n</body></html>\n")


def write_pages(pages: list[GeneratedPage], out: Path) -> None:
    """Each page as ``<id>.html`` (raw bytes) and ``<id>.json`` (url, layout, truth)."""
    out.mkdir(parents=True, exist_ok=True)
    for page in pages:
        (out / f"{page.page_id}.html").write_bytes(page.html)
        meta = {"url": page.url, "layout": page.layout, "charset": page.charset,
                "article": page.article_key, "truth": asdict(page.truth)}
        (out / f"{page.page_id}.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    pages = generate_pages(args.split, args.pages, args.seed)
    write_pages(pages, args.out)
    print(f"wrote {len(pages)} pages to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
