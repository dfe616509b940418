"""The section's name above the headline (a kicker, a rubric) is the page's, not the story's;
the headline itself is dropped even when it holds a separator or the site's suffix is glued."""

from extractors.parsing import parse_html
from extractors.structure import Block, Line
from extractors.structure_page import drop_section_labels, page_facts

from .body_pages import STORY, body_of, page, paragraphs

TITLE = "Police use of foreign cameras criticised"


def _facts(html: bytes, url: str = "https://news.example.com/a/1.html"):
    return page_facts(parse_html(html.decode("utf-8"), 400), url)


def test_kicker_marked_by_class_is_dropped_from_the_top_of_the_body():
    html = page(f'<article><p class="kicker">Security</p><h1>{TITLE}</h1>{paragraphs()}'
                "</article>", title=TITLE)
    body = body_of(html)
    assert body.text.startswith(STORY["en"][0])
    assert "Security" not in body.text
    assert "structure:section_label" in body.rules_fired


def test_rubric_named_by_the_url_folder_is_dropped():
    html = page(f'<div class="top"><div class="x1">Vie locale</div><div class="x2">{TITLE}'
                f"</div>{paragraphs()}</div>", title=f"{TITLE} - Le Courrier")
    body = body_of(html, url="https://www.courrier.example/vie-locale/cameras")
    assert body.text.startswith(STORY["en"][0]), body.text[:80]


def test_label_just_before_the_headline_is_a_section_name():
    facts = _facts(page(f"<div><div>Breaking Weather</div><div>{TITLE}</div></div>",
                        title=TITLE))
    assert "breakingweather" in facts.sections


def test_short_line_the_page_does_not_name_as_section_stays():
    facts = _facts(page(f'<p class="kicker">Security</p><h1>{TITLE}</h1>', title=TITLE))
    blocks = (Block("p", (Line("Summer", "Summer"),)),
              Block("p", (Line(STORY["en"][0], STORY["en"][0]),)))
    kept, removed = drop_section_labels(blocks, facts)
    assert kept == blocks and removed == ()


def test_section_name_inside_the_story_stays():
    facts = _facts(page(f'<p class="kicker">Security</p><h1>{TITLE}</h1>', title=TITLE))
    blocks = tuple(Block("p", (Line(x, x),)) for x in (STORY["en"][0], "Security",
                                                       STORY["en"][1]))
    kept, removed = drop_section_labels(blocks, facts)
    assert kept == blocks and removed == ()


def test_sentence_is_never_a_section_label():
    facts = _facts(page('<p class="kicker">It rained.</p>'), "https://x.example/a.html")
    assert not facts.sections


def test_a_date_before_the_headline_is_not_a_section_name():
    facts = _facts(page(f"<div><div>2023年05月21日</div><div>{TITLE}</div></div>", title=TITLE))
    assert not facts.sections


def test_headline_with_a_spaced_colon_is_recognised_under_its_site_suffix():
    headline = "Jazz en grange : le festival affiche complet"
    facts = _facts(page("", title=f"{headline} - Le Courrier du Plateau"))
    assert facts.is_title(headline)
    assert not facts.is_title("Jazz en grange : le festival")


def test_short_cjk_headline_with_a_glued_double_hyphen_suffix_is_recognised():
    facts = _facts(page("", title="百年老茶馆重新开门迎客--城东周刊"))
    assert facts.is_title("百年老茶馆重新开门迎客")
    assert not facts.is_title("城东周刊")  # four characters: a name, not a headline


def test_headline_line_after_a_kicker_is_dropped():
    headline = "Jazz en grange : le festival affiche complet"
    html = page(f'<div class="rub">Culture</div><div class="titre">{headline}</div>'
                f'<div class="corps">{paragraphs("fr")}</div>',
                title=f"{headline} - Le Courrier du Plateau", language="fr")
    body = body_of(html, url="https://www.courrier.example/culture/jazz")
    assert body.text.startswith(STORY["fr"][0]), body.text[:120]
    assert "structure:title_repeat" in body.rules_fired
