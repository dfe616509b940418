"""Old table layouts: a story written as text and <br><br> in a cell, with a data table and
a quote in the same cell, keeps its paragraphs, its order and all of its text."""

from lxml import etree

from extractors.clean_dom import clean_dom, flatten_quotes_in_cells, paragraphs_from_breaks
from extractors.lexicon import DEFAULT_LEXICON
from extractors.parsing import parse_html
from extractors.structure import Block, Line
from extractors.structure_tables import nested_tables, restore_table_positions

from .body_pages import STORY, body_of, page

EN = STORY["en"]
ROWS = ["Line | Old fare | New fare", "12 | 2 | 1", "15 | 2 | 1"]
TABLE = ("<table><tr><th>Line</th><th>Old fare</th><th>New fare</th></tr>"
         "<tr><td>12</td><td>2</td><td>1</td></tr><tr><td>15</td><td>2</td><td>1</td></tr>"
         "</table>")
QUOTE = "It used to take two buses to reach the station, now it takes one."


def _layout_page(cell_html: str) -> bytes:
    """A grid: a menu row, a sidebar cell and the story's cell, as old portals built them."""
    menu = "".join(f'<a href="/s/{n}">Section {n}</a> | ' for n in range(5))
    return page(f'<table width="980"><tr><td colspan="2">{menu}</td></tr><tr>'
                '<td width="200"></td>'
                f'<td><table width="96%"><tr><td align="center"><b>Bus fares cut</b></td></tr>'
                f"<tr><td>{cell_html}</td></tr></table></td></tr></table>",
                title="Bus fares cut - City Weekly")


def test_br_paragraphs_around_a_data_table_and_a_quote_keep_their_order():
    cell = (f"{EN[0]}<br><br>{EN[1]}<br><br>{TABLE}{EN[2]}<br><br>"
            f"<blockquote><p>{QUOTE}</p></blockquote>{EN[3]}<br><br>")
    body = body_of(_layout_page(cell))
    expected = "\n\n".join([EN[0], EN[1], "\n".join(ROWS), EN[2], QUOTE, EN[3]])
    assert body.text == expected
    assert f"> {QUOTE}" in body.markdown


def test_double_breaks_make_paragraphs_and_a_single_break_stays_a_line_break():
    tree = parse_html(page(f"<div>one<br>two<br><br><b>three</b> four<br> <br>{TABLE}five"
                           "</div>").decode(), 400)
    assert paragraphs_from_breaks(tree) == 1
    div = tree.find(".//body/div")
    assert [c.tag for c in div] == ["p", "p", "table", "p"]
    assert etree.tostring(div[0], encoding=str) == "<p>one<br/>two</p>"
    assert div[1].text_content().strip() == "three four"
    assert div[3].text == "five"


def test_breaks_inside_a_paragraph_are_left_alone():
    tree = parse_html(page("<p>one<br><br>two</p>").decode(), 400)
    assert paragraphs_from_breaks(tree) == 0
    assert etree.tostring(tree.find(".//body/p"), encoding=str) == "<p>one<br/><br/>two</p>"


def test_a_column_of_links_split_by_breaks_is_still_removed_as_a_link_row():
    links = "<br><br>".join(f'<a href="/a/{n}">Headline number {n}</a>' for n in range(4))
    tree = parse_html(page(f"<div>{links}</div><div><p>{EN[0]}</p></div>").decode(), 400)
    removed = clean_dom(tree, DEFAULT_LEXICON)
    assert [r.rule for r in removed] == ["structure:link_row"]


def test_quote_paragraphs_in_a_cell_become_lines_of_the_quote():
    tree = parse_html(page("<table><tr><td><blockquote><p>one</p><p>two</p></blockquote>"
                           "</td></tr></table>").decode(), 400)
    assert flatten_quotes_in_cells(tree) == 1
    quote = tree.find(".//blockquote")
    assert etree.tostring(quote, encoding=str) == "<blockquote>one<br/>two</blockquote>"


def test_nested_table_moves_back_after_its_lead_in_and_a_lone_table_stays():
    tree = parse_html(page(f"<table><tr><td><p>{EN[0]}</p>{TABLE}<p>{EN[1]}</p></td></tr>"
                           "</table>").decode(), 400)
    tables = nested_tables(tree)
    assert len(tables) == 1
    table = Block("table", tuple(Line(r, r) for r in ROWS))
    paras = [Block("p", (Line(x, x),)) for x in EN[:2]]
    moved, count = restore_table_positions((paras[0], paras[1], table), tables)
    assert count == 1 and moved == (paras[0], table, paras[1])
    assert restore_table_positions((paras[0], table, paras[1]), tables)[1] == 0
    top_level = parse_html(page(f"<p>{EN[0]}</p>{TABLE}").decode(), 400)
    assert nested_tables(top_level) == ()
