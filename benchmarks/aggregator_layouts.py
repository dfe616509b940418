"""Aggregator page layouts: structurally different ways the same copied story gets wrapped.

Each layout takes a :class:`PageBuilder` and returns the ``<body>`` markup plus any extra
``<html>`` attributes. Layouts decide *where* clutter goes (header, sidebar, inside the body
container, between paragraphs, after the article); the builder decides *what* it says.
All randomness flows from the builder's RNG, so a page is a pure function of its seed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .aggregator_pieces import PageBuilder, esc
from .aggregator_sources import Block


@dataclass(frozen=True)
class LayoutOutput:
    body: str
    html_attrs: str = ""


@dataclass
class BodyPlan:
    """How the article blocks are written, and what is slipped in between them."""

    style: str = "p"  # "p" | "br" | "div"
    inserts: dict[int, list[str]] = field(default_factory=dict)  # after block i: extra HTML
    tail: list[str] = field(default_factory=list)  # inside the container, after the last block

    def insert(self, after: int, piece: str) -> None:
        self.inserts.setdefault(after, []).append(piece)


# -- body ---------------------------------------------------------------------------------


def render_body(b: PageBuilder, plan: BodyPlan) -> str:
    out = []
    indent = "\u3000\u3000" if b.words.language == "zh" and b.chance(0.4) else ""
    for i, block in enumerate(b.blocks):
        out.append(_render_block(b, block, plan.style, indent))
        out.extend(plan.inserts.get(i, []))
    out.extend(plan.tail)
    return "\n".join(piece for piece in out if piece)


def _render_block(b: PageBuilder, block: Block, style: str, indent: str) -> str:
    if block.kind == "p":
        text = indent + esc(block.items[0])
        if style == "br":
            return text + "<br><br>"
        return f"<div>{text}</div>" if style == "div" else f"<p>{text}</p>"
    if block.kind in ("ul", "ol"):
        linked = b.chance(0.25)
        items = "".join(
            f"<li>{b.link(esc(x)) if linked else esc(x)}</li>" for x in block.items
        )
        return f"<{block.kind}>{items}</{block.kind}>"
    if block.kind == "quote":
        return f"<blockquote><p>{esc(block.items[0])}</p></blockquote>"
    rows = []
    for n, row in enumerate(block.cells):
        cell = "th" if n == 0 and b.chance(0.6) else "td"
        rows.append("<tr>" + "".join(f"<{cell}>{esc(c)}</{cell}>" for c in row) + "</tr>")
    return f'<table border="1" cellspacing="0">{"".join(rows)}</table>'


def _middle(b: PageBuilder) -> int:
    """A block index roughly in the middle of the article (for in-body boxes)."""
    n = len(b.blocks)
    return max(0, min(n - 2, n // 2 + b.rng.randrange(-1, 2)))


def _end_credit(b: PageBuilder, plan: BodyPlan) -> bool:
    """Sometimes the credit closes the body ("来源：新华社") instead of sitting in the info line."""
    if b.chance(0.3):
        plan.tail.append(f"<p>{b.c('credit', b.credit_text())}</p>")
        return True
    return False


def _headline(b: PageBuilder, tag: str = "h1") -> str:
    return f'<{tag} class="{b.cls("title")}">{esc(b.article.title)}</{tag}>'


def _maybe(b: PageBuilder, p: float, piece: Callable[[], str]) -> str:
    return piece() if b.chance(p) else ""


# -- layouts ------------------------------------------------------------------------------


def div_soup(b: PageBuilder) -> LayoutOutput:
    """The classic CMS copy: wrap > header > main > left/con + right sidebar > footer."""
    plan = BodyPlan(style=b.rng.choice(("p", "p", "div")))
    in_tail = _end_credit(b, plan)
    left = (
        _maybe(b, 0.5, b.breadcrumb)
        + f'<div class="{b.cls("article")}">{_headline(b)}{b.info_line(credit=not in_tail)}'
        + _maybe(b, 0.3, b.font_size)
        + f'<div class="{b.cls("body")}">{render_body(b, plan)}</div>'
        + _maybe(b, 0.4, b.editor_line) + _maybe(b, 0.4, b.share_row) + "</div>"
        + b.link_box("recommend", b.rng.randrange(4, 9))
        + _maybe(b, 0.7, b.copyright_statement)
    )
    right = b.link_box("hot", b.rng.randrange(5, 10)) + _maybe(b, 0.4, b.ad_slot)
    body = (
        f'<div class="{b.cls("wrapper")}"><div class="{b.cls("header")}">'
        f"<div>{b.logo()}</div>{b.search_box()}{b.nav()}</div>"
        f'<div class="{b.cls("main")}"><div class="{b.cls("left")}">{left}</div>'
        f'<div class="{b.cls("right")}">{right}</div></div>'
        f"{b.footer()}{_maybe(b, 0.7, b.back_to_top)}</div>"
    )
    return LayoutOutput(_maybe(b, 0.2, b.cookie_banner) + body)


def table_layout(b: PageBuilder) -> LayoutOutput:
    """An old table layout: <td> columns, <font> tags, paragraphs split by <br><br>."""
    plan = BodyPlan(style="br")
    in_tail = _end_credit(b, plan)
    hot_rows = "".join(
        f"<tr><td>{n + 1}</td><td>{b.link(b.c('hot_link', h))}</td></tr>"
        for n, h in enumerate(b.headlines(b.rng.randrange(5, 9)))
    )
    hot = (f'<table width="100%"><tr><td colspan="2"><b>{b.said("hot")}</b></td></tr>'
           f"{hot_rows}</table>")
    article = (
        '<table width="100%" cellpadding="4"><tr><td align="center">'
        f'<font size="5"><b>{esc(b.article.title)}</b></font></td></tr>'
        '<tr><td align="center"><font color="#999999">'
        f"{b.info_line(credit=not in_tail)}</font></td></tr>"
        f'<tr><td class="{b.cls("body")}"><font size="3">{render_body(b, plan)}</font></td></tr>'
        f"<tr><td>{_maybe(b, 0.6, b.prev_next)}</td></tr>"
        f"<tr><td>{b.link_box('recommend', b.rng.randrange(4, 8), style='br')}</td></tr></table>"
    )
    body = (
        '<table width="980" align="center" border="0"><tr><td colspan="2">'
        f'<font size="6">{b.logo()}</font> {b.search_box()}</td></tr>'
        f'<tr><td colspan="2" bgcolor="#003366">{b.nav()}</td></tr>'
        f'<tr><td width="700" valign="top">{article}</td>'
        f'<td width="280" valign="top">{hot}</td></tr>'
        f'<tr><td colspan="2" align="center">{_maybe(b, 0.8, b.copyright_statement)}{b.footer()}'
        f"{_maybe(b, 0.6, b.back_to_top)}</td></tr></table>"
    )
    return LayoutOutput(body)


def html5_article(b: PageBuilder) -> LayoutOutput:
    """Semantic HTML5: header/nav, main > article (header, sections, footer), aside, footer."""
    plan = BodyPlan()
    in_tail = _end_credit(b, plan)
    iso = b.published.strftime("%Y-%m-%dT%H:%M:%S")
    date = b.c("date_line", b.date_text())
    credit = "" if in_tail else f' <span>{b.c("credit", b.credit_text())}</span>'
    article = (
        f'<article class="{b.cls("article")}"><header>{_headline(b)}'
        f'<p class="{b.cls("info")}"><time datetime="{iso}">{date}</time>{credit}</p></header>'
        f'<section class="{b.cls("body")}">{render_body(b, plan)}</section>'
        f"<footer>{_maybe(b, 0.6, b.tags_line)}{_maybe(b, 0.6, b.share_row)}</footer></article>"
    )
    aside = (f'<aside class="{b.cls("right")}">{b.link_box("recommend", b.rng.randrange(3, 7))}'
             f'{b.link_box("hot", b.rng.randrange(4, 8))}</aside>')
    body = (
        f'<header class="{b.cls("header")}"><a href="/">{b.logo()}</a>{b.search_box()}'
        f"<nav>{b.nav()}</nav></header>"
        f'<main class="{b.cls("main")}">{article}{aside}</main>'
        f"<footer>{_maybe(b, 0.6, b.copyright_statement)}{b.footer()}"
        f"{_maybe(b, 0.5, b.back_to_top)}</footer>"
    )
    return LayoutOutput(body + _maybe(b, 0.3, b.cookie_banner))


def no_semantic(b: PageBuilder) -> LayoutOutput:
    """No semantic tags at all: every line a <div>, the headline a bold <div>."""
    plan = BodyPlan(style="div")
    in_tail = _end_credit(b, plan)
    title = (f'<div class="{b.cls("title")}" style="font-size:22px">'
             f"<b>{esc(b.article.title)}</b></div>")
    hot = b.link_box("hot", b.rng.randrange(4, 8), style="div")
    body = (
        f'<div class="{b.cls("misc")}">{b.search_box()}</div>'
        f'<div class="{b.cls("nav")}x">{b.nav()}</div>'
        f'<div class="{b.cls("main")}"><div class="{b.cls("left")}">{title}'
        f"{b.info_line(credit=not in_tail)}"
        f'<div class="{b.cls("body")}">{render_body(b, plan)}</div>'
        f"{b.link_box('recommend', b.rng.randrange(4, 8), style='div')}"
        f"{_maybe(b, 0.7, b.copyright_statement)}</div>"
        f'<div class="{b.cls("right")}">{hot}</div></div>'
        f"<div>{b.footer()}</div>{_maybe(b, 0.7, b.back_to_top)}"
    )
    return LayoutOutput(body)


def clutter_inside(b: PageBuilder) -> LayoutOutput:
    """The seed page's shape: one container holds the story *and* its wrapper lines."""
    plan = BodyPlan(style=b.rng.choice(("p", "br")))
    in_tail = _end_credit(b, plan)
    plan.tail.append(_maybe(b, 0.5, b.editor_line))
    plan.tail.append(_maybe(b, 0.4, b.tags_line))
    plan.tail.append(_maybe(b, 0.5, b.share_row))
    plan.tail.append(_maybe(b, 0.4, b.prev_next))
    box_style = b.rng.choice(("br", "div"))
    plan.tail.append(b.link_box("recommend", b.rng.randrange(3, 8), style=box_style))
    plan.tail.append(b.copyright_statement())
    search = b.search_box()
    search_inside = b.chance(0.4)
    container = (
        f'<div class="{b.cls("body")}">{search if search_inside else ""}{_headline(b)}'
        f"{b.info_line(credit=not in_tail)}{_maybe(b, 0.4, b.font_size)}"
        f"{render_body(b, plan)}</div>"
    )
    body = (
        f'<div class="{b.cls("wrapper")}">{"" if search_inside else search}'
        f"{_maybe(b, 0.5, b.nav)}{container}{b.footer()}{b.back_to_top()}</div>"
    )
    return LayoutOutput(body)


def recommend_between(b: PageBuilder) -> LayoutOutput:
    """In-body interruptions: a recommend box, "Read more:" lines and an ad between paragraphs."""
    plan = BodyPlan(style=b.rng.choice(("p", "div")))
    in_tail = _end_credit(b, plan)
    plan.insert(_middle(b), b.link_box("recommend", b.rng.randrange(3, 6), style="ul"))
    if len(b.blocks) > 3:
        plan.insert(b.rng.randrange(0, len(b.blocks) - 1), b.read_more())
    if b.chance(0.6) and len(b.blocks) > 4:
        plan.insert(b.rng.randrange(1, len(b.blocks) - 1), b.ad_slot())
    body = (
        f'<div class="{b.cls("header")}"><b>{b.logo()}</b> {b.nav()}{b.search_box()}</div>'
        f'<div class="{b.cls("main")}">{_maybe(b, 0.6, b.breadcrumb)}{_headline(b)}'
        f"{b.info_line(credit=not in_tail)}{_maybe(b, 0.3, b.print_email)}"
        f'<div class="{b.cls("body")}">{render_body(b, plan)}</div>'
        f"{_maybe(b, 0.5, b.share_row)}{b.link_box('hot', b.rng.randrange(4, 8))}</div>"
        f"{_maybe(b, 0.6, b.copyright_statement)}{b.footer()}{_maybe(b, 0.6, b.back_to_top)}"
    )
    return LayoutOutput(body)


def comment_thread(b: PageBuilder) -> LayoutOutput:
    """The story followed by a reader comment thread and a comment form."""
    plan = BodyPlan()
    in_tail = _end_credit(b, plan)
    body = (
        f'<div class="{b.cls("wrapper")}">'
        f'<div class="{b.cls("header")}">{b.nav()}{b.search_box()}</div>'
        f'<div class="{b.cls("article")}">{_headline(b)}{b.info_line(credit=not in_tail)}'
        f'<div class="{b.cls("body")}">{render_body(b, plan)}</div>'
        f"{_maybe(b, 0.5, b.share_row)}{_maybe(b, 0.5, b.editor_line)}</div>"
        f"{b.comments(b.rng.randrange(2, 5))}"
        f"{b.link_box('recommend', b.rng.randrange(3, 7))}"
        f"{_maybe(b, 0.5, b.copyright_statement)}{b.footer()}{_maybe(b, 0.5, b.back_to_top)}</div>"
    )
    return LayoutOutput(body)


def amp_mobile(b: PageBuilder) -> LayoutOutput:
    """An AMP/mobile copy: compact header, app banner, sticky share bar, consent banner."""
    plan = BodyPlan()
    in_tail = _end_credit(b, plan)
    if len(b.blocks) > 4 and b.chance(0.5):
        plan.insert(_middle(b), b.ad_slot())
    header = (
        f'<header class="{b.cls("header")}"><button aria-label="menu">☰</button>'
        f'<a href="/">{b.logo()}</a></header>{b.app_banner()}'
    )
    image = (f'<amp-img src="/img/{b.rng.randrange(1000, 9999)}.jpg" width="640" height="360" '
             'layout="responsive"></amp-img>')
    main = (
        f'<div class="{b.cls("article")}">{_headline(b)}{b.info_line(credit=not in_tail)}{image}'
        f'<div class="{b.cls("body")}">{render_body(b, plan)}</div></div>'
        f"{b.link_box('recommend', b.rng.randrange(3, 6), style='div')}"
        f"{_maybe(b, 0.5, b.newsletter)}"
    )
    bottom = (
        f'<div class="{b.cls("misc")}-bar" style="position:fixed;bottom:0">{b.share_row()}</div>'
        f"{b.back_to_top()}{b.footer()}"
    )
    consent = _maybe(b, 0.5, b.cookie_banner)
    return LayoutOutput(header + main + bottom + consent, html_attrs=' amp=""')


def blog_sidebar(b: PageBuilder) -> LayoutOutput:
    """A blog-engine copy: entry header/meta, entry content, entry footer, sidebar widgets."""
    plan = BodyPlan()
    in_tail = _end_credit(b, plan)
    widgets = (
        f'<div class="{b.cls("box")}w">{b.search_box()}</div>'
        f"{b.link_box('hot', b.rng.randrange(4, 8), style='ul')}"
        f"{_maybe(b, 0.5, b.newsletter)}"
    )
    entry = (
        f'<div class="{b.cls("article")}" id="post-{b.rng.randrange(100, 99999)}">{_headline(b)}'
        f"{b.info_line(credit=not in_tail)}"
        f'<div class="{b.cls("body")}">{render_body(b, plan)}</div>'
        f'<div class="{b.cls("info")}-f">{b.tags_line()}{_maybe(b, 0.5, b.share_row)}</div></div>'
        f"{_maybe(b, 0.7, b.prev_next)}"
        f"{_maybe(b, 0.5, lambda: b.comments(b.rng.randrange(1, 3)))}"
    )
    body = (
        f'<div id="{b.cls("wrapper")}">'
        f'<div class="{b.cls("header")}"><p>{b.logo()}</p>{b.nav()}</div>'
        f'<div class="{b.cls("main")}"><div class="{b.cls("left")}">{entry}</div>'
        f'<div class="{b.cls("right")}">{widgets}</div></div>'
        f"{b.footer()}</div>"
    )
    return LayoutOutput(body)


def portal_two_column(b: PageBuilder) -> LayoutOutput:
    """A news-portal copy: breadcrumb, info bar with views and font size, related reading in
    two columns, numbered hot ranking, prev/next, all under randomised class names."""
    plan = BodyPlan(style=b.rng.choice(("p", "br")))
    in_tail = _end_credit(b, plan)
    if b.chance(0.5):
        plan.insert(len(b.blocks) - 1, b.read_more())
    heads = b.headlines(8)
    half = len(heads) // 2
    related_label = b.said("recommend")
    columns = "".join(
        "<ul>" + "".join(f"<li>{b.link(b.c('recommend_link', h))}</li>" for h in part) + "</ul>"
        for part in (heads[:half], heads[half:])
    )
    ranking = "".join(
        f"<li><em>{n + 1}</em>{b.link(b.c('hot_link', h))}</li>"
        for n, h in enumerate(b.headlines(b.rng.randrange(6, 10)))
    )
    body = (
        f'<div class="{b.cls("header")}">{b.search_box()}{b.nav()}</div>{b.breadcrumb()}'
        f'<div class="{b.cls("main")}"><div class="{b.cls("left")}">{_headline(b)}'
        f'<div class="{b.cls("info")}">{b.info_line(credit=not in_tail)}{b.font_size()}</div>'
        f'<div class="{b.cls("body")}">{render_body(b, plan)}</div>'
        f"{b.editor_line()}{_maybe(b, 0.7, b.prev_next)}"
        f'<div class="{b.cls("box")}"><div>{related_label}</div>{columns}</div></div>'
        f'<div class="{b.cls("right")}"><div>{b.said("hot")}</div><ol>{ranking}</ol></div></div>'
        f"{_maybe(b, 0.8, b.copyright_statement)}{b.footer()}{_maybe(b, 0.8, b.back_to_top)}"
    )
    return LayoutOutput(body)


LAYOUTS: dict[str, Callable[[PageBuilder], LayoutOutput]] = {
    "div_soup": div_soup,
    "table_layout": table_layout,
    "html5_article": html5_article,
    "no_semantic": no_semantic,
    "clutter_inside": clutter_inside,
    "recommend_between": recommend_between,
    "comment_thread": comment_thread,
    "amp_mobile": amp_mobile,
    "blog_sidebar": blog_sidebar,
    "portal_two_column": portal_two_column,
}
