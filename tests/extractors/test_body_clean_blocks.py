"""Line rules on extracted blocks: position matters (edges vs prose), boundaries cut tails."""

from extractors.clean_blocks import clean_blocks
from extractors.lexicon import DEFAULT_LEXICON
from extractors.structure import Block, Line

from .body_pages import STORY


def _blocks(*texts: str) -> tuple[Block, ...]:
    return tuple(Block("p", (Line(t, t),)) for t in texts)


def _kept(blocks):
    return [line.text for block in blocks for line in block.lines]


def test_copyright_line_after_the_story_goes_but_prose_mentioning_it_stays():
    last = ("The publisher said the photographs remain © their owners, and that the court's "
            "ruling on fair use would be appealed before the end of the year by both sides.")
    kept, removed = clean_blocks(_blocks(*STORY["en"][:3], last, "© 2023 Example Media"),
                                 DEFAULT_LEXICON)
    assert _kept(kept) == [*STORY["en"][:3], last]
    assert [r.rule for r in removed] == ["lexicon:copyright"]


def test_a_date_line_between_paragraphs_is_content_but_at_the_top_it_is_a_dateline():
    date = "29 November 2018 | 20 January 2019"
    kept, _ = clean_blocks(_blocks(date, *STORY["en"][:2], date, *STORY["en"][2:]),
                           DEFAULT_LEXICON)
    assert _kept(kept) == [*STORY["en"][:2], date, *STORY["en"][2:]]


def test_a_recommend_label_near_the_end_cuts_the_headlines_after_it():
    headlines = ["Storm batters coast", "Markets rally again", "New frog species found"]
    kept, removed = clean_blocks(_blocks(*STORY["en"], "You may also like", *headlines),
                                 DEFAULT_LEXICON)
    assert _kept(kept) == STORY["en"]
    assert removed[0].rule == "lexicon:recommend_box" and "Markets rally again" in removed[0].text


def test_a_clutter_line_inside_a_paragraph_with_line_breaks_is_judged_alone():
    views = "Views: 1,024"
    paragraph = Block("p", (Line(STORY["en"][0], STORY["en"][0]), Line(views, views)))
    kept, removed = clean_blocks((paragraph, *_blocks(*STORY["en"][1:])), DEFAULT_LEXICON)
    assert _kept(kept) == STORY["en"]
    assert [r.rule for r in removed] == ["lexicon:view_counter"]


def test_rows_of_a_data_table_are_never_clutter_lines():
    table = Block("table", (Line("Tag | Mit Personal", "| Tag | Mit Personal |"),
                            Line("Views | 120", "| Views | 120 |")))
    kept, removed = clean_blocks((*_blocks(*STORY["en"][:2]), table, *_blocks(*STORY["en"][2:])),
                                 DEFAULT_LEXICON)
    assert [b.kind for b in kept].count("table") == 1 and removed == ()
