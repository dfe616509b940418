"""A short but complete CJK story keeps its paragraphs: trafilatura's "too short" rescue
(a dump of the whole <article>, headline and dateline in one line) counts characters, and a
CJK character carries about three Latin ones' worth of text."""

from .body_pages import STORY, body_of, page

ZH = STORY["zh"]
TITLE = "社区食堂让老人吃上放心饭"


def _short_story_page(paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{x}</p>" for x in paragraphs)
    return page(f'<article><header><h1>{TITLE}</h1><p class="info"><time>2023年05月21日 18:05'
                f'</time> <span>来源：中国日报</span></p></header>'
                f'<section class="article-body">{body}</section></article>',
                title=TITLE, language="zh")


def test_short_cjk_story_keeps_its_paragraphs_and_not_the_dateline():
    story = ZH[:2]  # about 130 characters: under trafilatura's 250, a full story in Chinese
    assert sum(len(x) for x in story) < 250
    body = body_of(_short_story_page(story))
    assert body.text == "\n\n".join(story)


def test_short_latin_story_still_reaches_the_rescue_untouched():
    # The threshold only moves for CJK pages: a Latin page extracts as it always did.
    story = STORY["en"][:1]
    html = page(f"<article><h1>Short note</h1><p>{story[0]}</p></article>", title="Short note")
    assert story[0] in body_of(html).text
