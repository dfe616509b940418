"""Structure survives: lists, subheadings, quotes and tables in `text` and `markdown`."""

from lxml import etree

from extractors.structure import blocks_from_xml, render_markdown, render_text

from .body_pages import STORY, article, body_of, paragraphs


def test_text_separates_paragraphs_by_a_blank_line_and_lists_one_item_per_line():
    body = body_of(article(paragraphs(last=3) + "<p>This affected:</p>"
                           "<ul><li>18 police forces</li><li>the Ministry of Defence</li>"
                           "<li>the British Transport Police</li></ul>" + paragraphs(first=3)))
    assert f"{STORY['en'][0]}\n\n{STORY['en'][1]}" in body.text
    assert ("This affected:\n\n18 police forces\nthe Ministry of Defence\n"
            "the British Transport Police\n\n") in body.text


def test_markdown_keeps_headings_lists_quotes_and_tables():
    inner = (paragraphs(last=2) + "<h2>What the survey found</h2>" + paragraphs(first=2, last=3)
             + "<ol><li>cameras</li><li>drones</li><li>body-worn video</li></ol>"
             + "<blockquote><p>We are committed to the highest standards.</p></blockquote>"
             + "<table><tr><th>Force</th><th>Cameras</th></tr>"
             + "<tr><td>North</td><td>120</td></tr><tr><td>South</td><td>85</td></tr></table>"
             + paragraphs(first=3))
    body = body_of(article(inner))
    md = body.markdown
    assert "## What the survey found" in md
    assert "1. cameras\n2. drones\n3. body-worn video" in md
    assert "> We are committed to the highest standards." in md
    assert "| Force | Cameras |\n| --- | --- |\n| North | 120 |\n| South | 85 |" in md
    # the plain text has the same words without the markup
    assert "What the survey found" in body.text and "## " not in body.text
    assert "cameras\ndrones\nbody-worn video" in body.text
    assert "North | 120" in body.text and "| --- |" not in body.text


def test_text_is_not_markdown_escaped():
    inner = (paragraphs(last=3) + "<p>The file_name was [draft] &lt;v2&gt; ~ 50% *final*.</p>"
             + paragraphs(first=3))
    assert "The file_name was [draft] <v2> ~ 50% *final*." in body_of(article(inner)).text


def test_line_breaks_inside_a_paragraph_give_one_line_each_without_repeats():
    body = etree.fromstring("<body><p>First line.<lb/><lb/>\nSecond line.<lb/>Third line."
                            "<p>Nested paragraph.</p></p></body>")
    blocks = blocks_from_xml(body)
    text = render_text(blocks)
    assert text.count("Second line.") == 1 and text.count("Third line.") == 1
    assert "First line.\nSecond line.\nThird line." in text
    assert "Nested paragraph." in text


def test_nested_lists_are_indented_in_markdown():
    body = etree.fromstring('<body><list rend="ul"><item>fruit<list rend="ul"><item>apple</item>'
                            "<item>pear</item></list></item><item>bread</item></list></body>")
    blocks = blocks_from_xml(body)
    assert render_markdown(blocks) == "- fruit\n  - apple\n  - pear\n- bread"
    assert render_text(blocks) == "fruit\napple\npear\nbread"
