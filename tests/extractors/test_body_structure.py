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


def test_subheadings_dropped_by_the_fallback_path_are_put_back():
    # no recognisable article container: trafilatura reads the page through its fallback
    # path, which keeps paragraphs and lists but drops every <h2>
    from .body_pages import body_of, page
    story = STORY["en"]
    html = page(f'<div class="w1"><div class="arc-c"><p>{story[0]}</p><p>{story[1]}</p>'
                f"<h2>What the survey found</h2><p>{story[2]}</p><p>{story[3]}</p>"
                f"<h2>What happens next</h2><ul><li>a review of suppliers</li>"
                f"<li>new guidance</li></ul><p>{story[4]}</p></div></div>")
    body = body_of(html)
    assert f"{story[1]}\n\n## What the survey found\n\n{story[2]}" in body.markdown
    assert "## What happens next\n\n- a review of suppliers" in body.markdown
    assert "What the survey found" in body.text and "## " not in body.text


def test_teaser_headings_are_not_put_back():
    from .body_pages import body_of, page
    story = STORY["en"]
    teaser = ('<div class="card"><h3><a href="/x.html">Storm batters coast</a></h3>'
              "<h4>Thousands of homes lost power overnight as winds reached 90mph</h4></div>")
    html = page(f'<div class="arc-c">{"".join(f"<p>{p}</p>" for p in story)}</div>{teaser}')
    body = body_of(html)
    assert "Thousands of homes lost power" not in body.markdown
    assert "Storm batters coast" not in body.markdown
