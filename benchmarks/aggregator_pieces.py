"""The pieces an aggregator page is built from, and the bookkeeping that makes it a benchmark:
every clutter text is recorded as it is written into the page, so the ground truth lists
exactly what was inserted.

:class:`PageBuilder` holds one page's random choices (wordings for the split, outlet, site,
date, class names) and renders pieces — search box, nav, info line, share row, link boxes,
comments, footers … — as HTML strings. The layouts (``aggregator_layouts.py``) arrange them.
"""

from __future__ import annotations

import html
import random
import string
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from .aggregator_match import TextIndex
from .aggregator_sources import Block, SourceArticle

LANGUAGES = ("en", "zh", "de", "es", "fr")
_TLDS = {"en": (".com", ".net", ".info"), "zh": (".cn", ".com.cn", ".com"),
         "de": (".de", ".com"), "es": (".es", ".com"), "fr": (".fr", ".com")}


@dataclass(frozen=True)
class ClutterLine:
    kind: str  # "search", "recommend", "footer", ... (the template table it came from)
    text: str  # the visible text as written into the page


@dataclass(frozen=True)
class Wordings:
    """One language's template tables, reduced to the wordings of one split."""

    language: str
    months: tuple[str, ...]
    tables: dict[str, tuple[str, ...]]

    def options(self, kind: str) -> tuple[str, ...]:
        return self.tables[kind]


def load_wordings(language: str, split: str, templates: Path) -> Wordings:
    data = load_language_tables(language, templates)
    tables = {k: tuple(v[split]) for k, v in data.items() if isinstance(v, dict)}
    empty = [k for k, v in tables.items() if not v]
    if empty:
        raise ValueError(f"lang_{language}.toml: no {split} wordings for {empty}")
    return Wordings(language, tuple(data["months"]), tables)


def load_language_tables(language: str, templates: Path) -> dict:
    """``lang_<xx>.toml`` with the extra tuning wordings of ``dev_extra_<xx>.toml`` added to dev.

    The extra file holds only dev wordings, one list per table kind, so tuning wordings can be
    added without opening the file that also holds the unseen splits.
    """
    data = tomllib.loads((templates / f"lang_{language}.toml").read_text(encoding="utf-8"))
    extra_path = templates / f"dev_extra_{language}.toml"
    if not extra_path.exists():
        return data
    extra = tomllib.loads(extra_path.read_text(encoding="utf-8"))
    for kind, wordings in extra.items():
        table = data.get(kind)
        if not isinstance(table, dict) or not isinstance(wordings, list):
            raise ValueError(f"{extra_path.name}: {kind!r} is not a wordings table of "
                             f"lang_{language}.toml, or its value is not a list")
        table["dev"] = list(table["dev"]) + [w for w in wordings if w not in table["dev"]]
    return data


def load_layout_data(split: str, templates: Path) -> dict[str, tuple[str, ...]]:
    data = tomllib.loads((templates / "layout.toml").read_text(encoding="utf-8"))
    pools = {f"class:{k}": tuple(v) for k, v in data["class_pools"].items()}
    return {"title_formats": tuple(data["title_formats"][split]), **pools}


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class PageBuilder:
    """One page being built. Mutable on purpose (it records clutter as pieces are rendered);
    it lives for the generation of a single page only."""

    rng: random.Random
    words: Wordings
    layout_data: dict[str, tuple[str, ...]]
    article: SourceArticle
    blocks: tuple[Block, ...]
    published: datetime
    other_headlines: tuple[str, ...]  # headlines of other stories, for link boxes
    outlet: str = ""
    site: str = ""
    domain: str = ""
    section: str = ""
    editor: str = ""
    clutter: list[ClutterLine] = field(default_factory=list)
    _classes: dict[str, str] = field(default_factory=dict)
    _body_index: TextIndex | None = None

    def __post_init__(self) -> None:
        self.outlet = self.pick("outlets")
        self.site = self._site_name()
        self.domain = self._domain()
        self.section = self.pick("sections")
        self.editor = self.pick("editors")
        self._body_index = TextIndex(body_truth_text(self.blocks))

    # -- random choices ---------------------------------------------------------------

    def pick(self, kind: str) -> str:
        return self.rng.choice(self.words.options(kind))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def cls(self, role: str) -> str:
        """A class name for ``role``, random per page but stable within it."""
        if role not in self._classes:
            pool = self.layout_data.get(f"class:{role}") or self.layout_data["class:misc"]
            base = self.rng.choice(pool)
            token = "".join(self.rng.choices(string.ascii_lowercase + string.digits, k=3))
            style = self.rng.randrange(4)
            self._classes[role] = (base, f"{base}_{token}", f"{base}-{token[:2]}",
                                   f"{token[0]}{token[1:]}{self.rng.randrange(10)}")[style]
        return self._classes[role]

    def headlines(self, count: int) -> list[str]:
        pool = list(dict.fromkeys(self.words.options("headlines") + self.other_headlines))
        pool = [h for h in pool if h != self.article.title]
        return self.rng.sample(pool, min(count, len(pool)))

    def fill(self, template: str, **extra: str) -> str:
        when = self.published
        values = {
            "outlet": self.outlet, "site": self.site, "title": self.article.title,
            "section": self.section, "editor": self.editor, "year": str(when.year + 1),
            "Y": f"{when.year}", "m": f"{when.month:02d}", "d": f"{when.day:02d}",
            "n_month": str(when.month), "j": str(when.day), "H": f"{when.hour:02d}",
            "M": f"{when.minute:02d}", "S": f"{when.second:02d}",
            "month_name": self.words.months[when.month - 1],
            "n": str(self.rng.randrange(12, 98000)), "tags": self._tags(),
        }
        values.update(extra)
        return template.format(**values)

    # -- recording --------------------------------------------------------------------

    def c(self, kind: str, text: str) -> str:
        """Record ``text`` as clutter of ``kind`` and return it HTML-escaped.

        A text the article body itself holds is written but not recorded: no extractor can
        be blamed for keeping a line that is also part of the article.
        """
        assert self._body_index is not None
        if text.strip() and not self._body_index.holds(text):
            self.clutter.append(ClutterLine(kind, text))
        return esc(text)

    def items(self, kind: str, row: str | None = None) -> list[str]:
        """A "|"-separated template row, each item recorded; the whole row recorded too."""
        parts = [p.strip() for p in (row or self.pick(kind)).split("|") if p.strip()]
        if len(parts) > 1:
            self.c(kind, " ".join(parts))
        return [self.c(kind, p) for p in parts]

    # -- pieces -----------------------------------------------------------------------

    def link(self, text_html: str, href: str | None = None) -> str:
        href = href or f"/{self.rng.choice(('news', 'html', 'a', 'article'))}/" \
                       f"{self.rng.randrange(10000, 999999)}.html"
        return f'<a href="{attr(href)}">{text_html}</a>'

    def said(self, kind: str) -> str:
        """A wording of ``kind`` with its placeholders filled, recorded and escaped."""
        return self.c(kind, self.fill(self.pick(kind)))

    def boxed(self, suffix: str, inner: str, tag: str = "div") -> str:
        """``inner`` in an element with this page's random "misc" class plus ``suffix``."""
        return f'<{tag} class="{self.cls("misc")}-{suffix}">{inner}</{tag}>'

    def logo(self) -> str:
        """The aggregator's own name in its header: wrapper, never article."""
        return self.c("site_name", self.site)

    def search_box(self) -> str:
        label = self.said("search")
        button = self.said("search_button")
        inner = (f'<span class="{self.cls("misc")}">{label}</span>'
                 if self.chance(0.7) else f"<label>{label}</label>")
        return (f'<form class="{self.cls("box")}-s" action="/search" method="get">{inner}'
                '<input type="text" name="q" value="">'
                f'<button type="submit">{button}</button></form>')

    def nav(self) -> str:
        entries = [self.link(x, "/") for x in self.items("nav")]
        if self.chance(0.5):
            lis = "".join(f"<li>{e}</li>" for e in entries)
            return f'<ul class="{self.cls("nav")}">{lis}</ul>'
        sep = self.rng.choice((" | ", " ", "&nbsp;&nbsp;", "\n"))
        return f'<div class="{self.cls("nav")}">{sep.join(entries)}</div>'

    def breadcrumb(self) -> str:
        return self.boxed("crumb", self.said("breadcrumb"))

    def date_text(self) -> str:
        return self.fill(self.pick("date_line"))

    def credit_text(self) -> str:
        return self.fill(self.pick("credit"))

    def info_line(self, *, credit: bool = True) -> str:
        """The "Published on … source:NBC News" line, its parts in one or several elements."""
        parts = [self.c("date_line", self.date_text())]
        if credit:
            parts.append(self.c("credit", self.credit_text()))
        if self.chance(0.35):
            parts.append(self.said("views"))
        if self.chance(0.2):
            parts.append(self.said("editor_line"))
        if self.chance(0.5):
            return f'<div class="{self.cls("info")}">{" ".join(parts)}</div>'
        gap = self.rng.choice((" ", "&nbsp;&nbsp;", "\n", "\u3000"))
        spans = gap.join(f"<span>{p}</span>" for p in parts)
        return f'<div class="{self.cls("info")}">{spans}</div>'

    def font_size(self) -> str:
        return self.boxed("fs", self.said("font_size"))

    def share_row(self) -> str:
        head, *nets = self.items("share")
        links = " ".join(self.link(n, "#") for n in nets)
        return self.boxed("share", f"<span>{head}</span> {links}")

    def editor_line(self) -> str:
        return self.boxed("ed", self.said("editor_line"), "p")

    def tags_line(self) -> str:
        return self.boxed("tag", self.said("tags"))

    def print_email(self) -> str:
        return self.boxed("tool", " ".join(self.link(x, "#") for x in self.items("print_email")))

    def link_box(self, kind: str, count: int, *, style: str | None = None) -> str:
        """A heading ("Randomly recommend to you", "Hot News") and a list of headline links."""
        heading = self.said(kind)
        entries = [self.link(self.c(f"{kind}_link", h)) for h in self.headlines(count)]
        if self.chance(0.3):  # portals often date each entry: "Headline 06-04"
            entries = [f"{e} <span>{self._recent_day()}</span>" for e in entries]
        style = style or self.rng.choice(("ul", "br", "div", "ol"))
        tag = self.rng.choice(("h3", "h2", "div", "strong"))
        head = f'<{tag} class="{self.cls("title")}-b">{heading}</{tag}>'
        if style in ("ul", "ol"):
            body = f"<{style}>" + "".join(f"<li>{e}</li>" for e in entries) + f"</{style}>"
        elif style == "br":
            body = "<br>".join(entries)
        else:
            body = "".join(f"<div>{e}</div>" for e in entries)
        return f'<div class="{self.cls("box")}">{head}{body}</div>'

    def prev_next(self) -> str:
        prev_t, next_t = self.pick("prev_next").split("|")
        prev_h, next_h = (self.headlines(2) * 2)[:2]
        prev_p = self.c("prev_next", prev_t.format(headline=prev_h))
        next_p = self.c("prev_next", next_t.format(headline=next_h))
        return self.boxed("pn", f"<p>{prev_p}</p><p>{next_p}</p>")

    def read_more(self) -> str:
        headline = self.headlines(1)[0]
        text = self.pick("read_more").format(headline=headline)
        label, _, rest = text.partition(headline)
        self.c("read_more", text)
        return f"<p><strong>{esc(label)}</strong>{self.link(esc(headline))}{esc(rest)}</p>"

    def copyright_statement(self) -> str:
        return self.boxed("cr", self.said("copyright_statement"))

    def footer(self) -> str:
        links = self.items("footer_links")
        sep = self.rng.choice((" | ", " · ", " "))
        line = self.said("footer")
        icp = ""
        if self.words.language == "zh" and self.chance(0.6):
            icp = "<p>" + self.c("footer", self._licence_line()) + "</p>"
        row = sep.join(self.link(x, "/") for x in links)
        return f'<div class="{self.cls("footer")}"><p>{row}</p><p>{line}</p>{icp}</div>'

    def back_to_top(self) -> str:
        return self.boxed("top", f'<a href="#top">{self.said("back_to_top")}</a>')

    def cookie_banner(self) -> str:
        message, *buttons = self.items("cookie")
        btns = "".join(f"<button>{b}</button>" for b in buttons)
        return self.boxed("ck", f"<p>{message}</p>{btns}")

    def ad_slot(self) -> str:
        label = self.said("ad_label")
        return self.boxed("ad", f'<span>{label}</span><div style="height:90px"></div>')

    def app_banner(self) -> str:
        return self.boxed("app", self.link(self.said("app_banner"), "#app"))

    def newsletter(self) -> str:
        return self.boxed("nl", f'<p>{self.said("newsletter")}</p><input type="email" name="e">')

    def comments(self, count: int) -> str:
        heading = self.said("comments_heading")
        texts = self.words.options("comment_texts")
        threads = []
        for text in self.rng.sample(texts, min(count, len(texts))):
            who = self.said("commenters")
            hour, minute = self.rng.randrange(24), self.rng.randrange(60)
            when = f"{self.published:%Y-%m-%d} {hour:02d}:{minute:02d}"
            actions = " ".join(self.link(a, "#") for a in self.items("reply"))
            threads.append(f"<li><div><b>{who}</b> <span>{esc(when)}</span></div>"
                           f"<p>{self.c('comment_texts', text)}</p><div>{actions}</div></li>")
        form = self.said("comment_form")
        return (f'<div class="{self.cls("box")}-cm" id="comments"><h3>{heading}</h3>'
                f'<ul>{"".join(threads)}</ul><textarea name="c"></textarea>'
                f"<button>{form}</button></div>")

    # -- private ----------------------------------------------------------------------

    def _site_name(self) -> str:
        word = self.pick("site_words")
        if self.words.language == "zh":
            return self.pick("site_prefixes") + word
        return self.rng.choice((word, word + " " + str(self.rng.randrange(2, 99)),
                                word.replace(" ", "")))

    def _domain(self) -> str:
        letters = "".join(ch for ch in self.site.lower() if ch.isascii() and ch.isalnum())
        if len(letters) < 4:
            letters = "".join(self.rng.choices(string.ascii_lowercase, k=6))
        return "www." + letters + self.rng.choice(_TLDS[self.words.language])

    def _licence_line(self) -> str:
        """A Chinese site's ICP licence line ("京ICP备12345678号").

        The number also picks the template, so this costs one draw whatever the split holds:
        dev and holdout pages stay the pages they were before the templates became data.
        """
        number = self.rng.randrange(10**7, 10**8)
        templates = self.words.options("icp")
        return templates[number % len(templates)].format(number=number)

    def _recent_day(self) -> str:
        day = self.published - timedelta(days=self.rng.randrange(0, 20))
        return f"{day:%m-%d}"

    def _tags(self) -> str:
        pool = self.words.options("tag_words")
        words = self.rng.sample(pool, min(3, len(pool)))
        return ("、" if self.words.language == "zh" else ", ").join(words)


def body_truth_text(blocks: tuple[Block, ...]) -> str:
    """The body as the record should carry it: blocks split by blank lines, items one a line."""
    return "\n\n".join(block.truth_text() for block in blocks)
