"""Structural rules on the DOM: boxes of links go (and are listed), look-alikes stay."""

import pytest

from .body_pages import HEADLINES, STORY, article, body_of, link_box, paragraphs


def _rules(body):
    return [r.rule for r in body.removed]


@pytest.mark.parametrize("label", ["Randomly recommend to you", "Hot news", "相关新闻",
                                   "Das könnte Sie auch interessieren", "Noticias relacionadas",
                                   "À lire aussi"])
def test_a_labelled_box_of_links_after_the_story_is_removed_and_listed(label):
    body = body_of(article(paragraphs(), after=link_box(label, HEADLINES)))
    assert label not in body.text
    assert not any(h in body.text for h in HEADLINES)
    removed = [r for r in body.removed if r.rule == "structure:labelled_box"]
    assert removed and label in removed[0].text and HEADLINES[0] in removed[0].text


def test_a_box_between_paragraphs_goes_and_the_story_around_it_stays():
    inner = (paragraphs(last=2) + '<div class="hot"><b>Hot news</b>'
             + "".join(f'<a href="/{n}.html">{h}</a>' for n, h in enumerate(HEADLINES))
             + "</div>" + paragraphs(first=2))
    body = body_of(article(inner))
    assert all(p in body.text for p in STORY["en"])
    assert "Hot news" not in body.text and HEADLINES[1] not in body.text
    assert "structure:labelled_box" in body.rules_fired


def test_a_label_followed_by_its_boxes_as_siblings_goes_with_them():
    box = ('<h3>Related stories</h3><ul>'
           + "".join(f'<li><a href="/{n}.html">{h}</a></li>' for n, h in enumerate(HEADLINES[:2]))
           + '</ul><ul>'
           + "".join(f'<li><a href="/{n}.html">{h}</a></li>' for n, h in enumerate(HEADLINES[2:]))
           + "</ul>")
    body = body_of(article(paragraphs() + box))
    assert "Related stories" not in body.text
    assert not any(h in body.text for h in HEADLINES)


def test_a_heading_that_looks_like_a_label_but_heads_prose_is_kept():
    inner = paragraphs(last=3) + "<h2>Related</h2>" + paragraphs(first=3)
    body = body_of(article(inner))
    assert "structure:labelled_box" not in body.rules_fired
    assert all(p in body.text for p in STORY["en"])


def test_a_headline_list_at_the_end_is_removed_as_a_link_list():
    headlines = "".join(f'<li><a href="/{n}.html">{h}</a></li>' for n, h in enumerate(HEADLINES))
    body = body_of(article(paragraphs() + f"<ul>{headlines}</ul>"))
    assert not any(h in body.text for h in HEADLINES)
    assert "structure:link_list" in body.rules_fired


def test_a_list_of_links_the_story_introduces_is_kept():
    items = ["the first report", "the second report", "the third report"]
    listed = "".join(f'<li><a href="/r/{n}.html">{x}</a></li>' for n, x in enumerate(items))
    inner = paragraphs(last=3) + "<p>The findings are set out in:</p>" + f"<ul>{listed}</ul>" \
        + paragraphs(first=3)
    body = body_of(article(inner))
    assert "The findings are set out in:\n\nthe first report\nthe second report\nthe third report" \
        in body.text
    assert "- the first report" in body.markdown
    assert "structure:link_list" not in body.rules_fired


def test_a_list_of_linked_sentences_is_not_a_headline_list():
    sentences = [s + " It was linked to the full report." for s in STORY["en"][2:5]]
    listed = "".join(f'<li><a href="/r/{n}.html">{x}</a></li>' for n, x in enumerate(sentences))
    body = body_of(article(paragraphs(last=2) + f"<ul>{listed}</ul>"))
    assert "structure:link_list" not in body.rules_fired


def test_a_dropped_list_after_a_colon_is_put_back_after_its_lead_in():
    # div soup: trafilatura judges a list of links inside <div> text as boilerplate
    items = ["菜品少油少盐，软烂易嚼",
             "每周公布菜单，征求老人意见",
             "行动不便的老人可以预约送餐上门"]
    listed = "".join(f'<li><a href="/news/{n}.html">{x}</a></li>' for n, x in enumerate(items))
    story = STORY["zh"]
    lead_in = "为了让老人吃得更健康，食堂在菜品上下了不少功夫："
    inner = (f"<div>{story[0]}</div><div>{story[1]}</div><div>{lead_in}</div>"
             f"<ul>{listed}</ul><div>{story[3]}</div><div>{story[4]}</div>")
    body = body_of(article(inner, title="社区食堂让老人吃上放心饭", language="zh"))
    assert "不少功夫：\n\n" + "\n".join(items) in body.text
    assert "- 菜品少油少盐，软烂易嚼" in body.markdown


def test_a_row_of_links_in_any_wording_is_removed():
    row = ('<p><a href="/1">Ueber das Haus</a> | <a href="/2">Schreiben Sie uns</a> | '
           '<a href="/3">Werbekunden</a> | <a href="/4">Jobs bei uns</a></p>')
    body = body_of(article(paragraphs() + row))
    assert "Schreiben Sie uns" not in body.text
    assert "structure:link_row" in body.rules_fired


def test_a_sentence_with_several_links_is_not_a_row():
    sentence = ('<p>The report cites <a href="/a">the police council</a>, <a href="/b">the '
                'ministry</a> and <a href="/c">the transport police</a> as its main sources.</p>')
    body = body_of(article(paragraphs(last=3) + sentence + paragraphs(first=3)))
    assert "as its main sources." in body.text
    assert "structure:link_row" not in body.rules_fired


def test_a_headline_list_goes_with_its_label_whatever_the_label_says():
    headlines = "".join(f'<li><a href="/{n}.html">{h}</a></li>' for n, h in enumerate(HEADLINES))
    box = f'<div class="side"><div>Unsere Auswahl fuer Sie</div><ul>{headlines}</ul></div>'
    body = body_of(article(paragraphs() + box))
    assert "Unsere Auswahl" not in body.text and HEADLINES[0] not in body.text
