"""A site whose every page wraps its article in clutter the generic rules do not know.

The clutter wording is invented here (it is not in ``extractors/data/clutter.toml``), and it
sits inside the article container, the way aggregator templates put it, so extraction keeps
it. Some articles also use a recurring subheading ("What we know so far" / "事件经过") between
prose paragraphs: that is article text and must survive template stripping.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass

CLUTTER = {
    "en": (
        "Lanternfold brings you the evening's stories",
        "Tap the lantern to keep this story for later",
        "Picked by our night desk for you",
        "Every story here passes through the Lanternfold night desk before dawn.",
        "Lanternfold asks that you credit the desk when sharing these pages.",
    ),
    "zh": (
        "灯笼夜读为您整理今晚要闻",
        "轻点灯笼即可收藏本文",
        "夜班编辑为您挑选",
        "本站所有文章均经灯笼夜班编辑部审阅后发布。",
        "转发本页内容时请注明灯笼夜班编辑部。",
    ),
}
SUBHEADING = {"en": "What we know so far", "zh": "事件经过"}

_EN_WORDS = ("harbour", "council", "ferry", "timetable", "storm", "repairs", "budget",
             "volunteers", "school", "roof", "library", "funding", "bridge", "inspection",
             "market", "traders", "festival", "parade", "orchestra", "museum", "archive",
             "railway", "station", "platform", "upgrade", "residents", "petition", "mayor",
             "reservoir", "drought", "farmers", "harvest", "prices", "tourism", "season",
             "hotel", "bookings")
_ZH_PHRASES = ("港口委员会", "渡轮时刻表", "风暴过后", "维修预算", "志愿者们", "学校屋顶",
               "图书馆经费", "桥梁检测", "市场商户", "节日游行", "管弦乐团", "博物馆档案",
               "火车站站台", "改造工程", "居民请愿", "市长表示", "水库干旱", "农民收成",
               "物价上涨", "旅游旺季", "酒店预订")


@dataclass(frozen=True)
class SitePage:
    path: str
    title: str
    language: str
    paragraphs: tuple[str, ...]  # the article body, in order (subheading included)

    def html(self) -> bytes:
        clutter = CLUTTER[self.language]
        body = "\n".join(
            f"<h2>{html.escape(p)}</h2>" if p == SUBHEADING[self.language]
            else f"<p>{html.escape(p)}</p>" for p in self.paragraphs)
        picks = "".join(f"<li><a href='/story/{n}.html'>{html.escape(t)}</a></li>"
                        for n, t in enumerate(_pick_titles(self)))
        return f"""<!DOCTYPE html><html lang="{self.language}"><head><meta charset="utf-8">
<title>{html.escape(self.title)}</title></head><body>
<div id="content">
<p class="tagline">{clutter[0]}</p>
<h1>{html.escape(self.title)}</h1>
<p class="save">{clutter[1]}</p>
{body}
<h3>{clutter[2]}</h3>
<ul class="picks">{picks}</ul>
<p class="note">{clutter[3]}</p>
<p class="note">{clutter[4]}</p>
</div></body></html>""".encode()


def make_pages(count: int, language: str = "en", seed: int = 5) -> list[SitePage]:
    rng = random.Random(seed)
    pages = []
    for number in range(count):
        paragraphs = [_paragraph(rng, language) for _ in range(rng.randint(4, 7))]
        if number % 5 < 3:  # 60% of the articles use the recurring subheading mid-body
            paragraphs.insert(rng.randint(1, len(paragraphs) - 1), SUBHEADING[language])
        title = _title(rng, language, number)
        pages.append(SitePage(f"/story/{number}.html", title, language, tuple(paragraphs)))
    return pages


def _paragraph(rng: random.Random, language: str) -> str:
    if language == "zh":
        clauses = ["".join(rng.sample(_ZH_PHRASES, 3)) for _ in range(rng.randint(3, 5))]
        return "，".join(clauses) + "。"
    sentences = []
    for _ in range(rng.randint(2, 4)):
        words = [rng.choice(_EN_WORDS) for _ in range(rng.randint(9, 16))]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def _title(rng: random.Random, language: str, number: int) -> str:
    if language == "zh":
        return "".join(rng.sample(_ZH_PHRASES, 2)) + f"（{number}）"
    return " ".join(rng.choice(_EN_WORDS) for _ in range(5)).title() + f" {number}"


def _pick_titles(page: SitePage) -> list[str]:
    rng = random.Random(page.path)
    return [_title(rng, page.language, rng.randint(100, 999)) for _ in range(3)]
