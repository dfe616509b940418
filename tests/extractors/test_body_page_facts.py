"""The page's headline and its own name are not body lines; the story may still quote them."""

from extractors.clean_blocks import clean_blocks
from extractors.lexicon import DEFAULT_LEXICON
from extractors.parsing import parse_html
from extractors.structure import Block, Line
from extractors.structure_page import page_facts

from .body_pages import STORY, article, body_of, page, paragraphs

TITLE = "Police use of foreign cameras criticised"


def test_headline_repeated_above_the_story_is_removed_and_listed():
    body = body_of(article(f"<p>{TITLE}</p>" + paragraphs()))
    assert TITLE not in body.text
    assert "structure:title_repeat" in body.rules_fired


def test_headline_quoted_between_paragraphs_is_kept():
    facts = page_facts(parse_html(page("", title=f"{TITLE} | Example News").decode(), 400),
                       "https://www.example.com/a.html")
    blocks = tuple(Block("p", (Line(x, x),)) for x in [STORY["en"][0], TITLE, STORY["en"][1]])
    kept, removed = clean_blocks(blocks, DEFAULT_LEXICON, facts)
    assert [b.lines[0].text for b in kept] == [STORY["en"][0], TITLE, STORY["en"][1]]
    assert removed == ()


def test_site_name_from_title_meta_and_host_is_recognised():
    html = page("", title=f"{TITLE} - Global Post",
                head='<meta property="og:site_name" content="Info Direct">')
    facts = page_facts(parse_html(html.decode(), 400), "https://www.newsticker61.de/a/1.html")
    assert facts.is_site_name("Global Post")
    assert facts.is_site_name("GlobalPost")
    assert facts.is_site_name("News Ticker 61")
    assert facts.is_site_name("info direct")
    assert not facts.is_title("Global Post")
    assert facts.is_title(TITLE.upper())


def test_site_name_line_in_the_body_is_removed():
    html = article(paragraphs() + "<p>Info Direct</p>").replace(
        b"</head>", b'<meta property="og:site_name" content="Info Direct"></head>')
    body = body_of(html)
    assert "Info Direct" not in body.text
    assert "structure:site_name" in body.rules_fired


def test_short_host_names_are_not_site_names():
    facts = page_facts(parse_html(page("").decode(), 400), "https://www.bbc.co.uk/news/1")
    assert not facts.is_site_name("BBC")
