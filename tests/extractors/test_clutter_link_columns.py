"""Boxes of headline links whatever their heading says (structure:link_column)."""

import pytest

from .body_pages import HEADLINES, STORY, article, body_of, paragraphs

# Headings no lexicon lists: the box is recognised by its shape alone.
ODD_HEADINGS = ["Fresh off the press", "Frisch aus der Redaktion", "Recién salido",
                "Tout chaud", "编辑部今日选读"]


def _column(heading: str, style: str) -> str:
    dated = [f'<a href="/n/{n}.html">{h}</a> <span>0{n + 1}-1{n}</span>'
             for n, h in enumerate(HEADLINES)]
    if style == "br":
        entries = "<br>".join(dated)
    elif style == "div":
        entries = "".join(f"<div>{e}</div>" for e in dated)
    else:  # a ranking table
        rows = "".join(f"<tr><td>{n + 1}</td><td>{e}</td></tr>" for n, e in enumerate(dated))
        return f"<table><tr><td colspan='2'><b>{heading}</b></td></tr>{rows}</table>"
    return f'<div class="side"><h3>{heading}</h3>{entries}</div>'


@pytest.mark.parametrize("style", ["br", "div", "table"])
@pytest.mark.parametrize("heading", ODD_HEADINGS)
def test_a_column_of_dated_headline_links_goes_with_its_unknown_heading(heading, style):
    body = body_of(article(paragraphs() + _column(heading, style)))
    assert all(p in body.text for p in STORY["en"])
    assert heading not in body.text
    assert not any(h in body.text for h in HEADLINES)
    assert "structure:link_column" in body.rules_fired


def test_a_paragraph_whose_names_are_all_links_stays():
    names = ('<p><a href="/a">Northern Rail Holdings Ltd</a>, <a href="/b">Southern Water '
             'Services Group</a> and <a href="/c">Eastern Power Networks plc</a></p>')
    body = body_of(article(paragraphs(last=3) + names + paragraphs(first=3)))
    assert "Southern Water Services Group" in body.text


def test_links_with_a_comment_beside_each_are_no_column():
    entries = "".join(f'<li><a href="/{n}">{h}</a> — a reader wrote about this story at length</li>'
                      for n, h in enumerate(HEADLINES))
    body = body_of(article(paragraphs(last=3) + f"<div><ul>{entries}</ul></div>"
                           + paragraphs(first=3)))
    assert HEADLINES[0] in body.text


def test_a_column_of_menu_words_is_left_to_the_row_rules():
    menu = "".join(f'<div><a href="/{w}">{w}</a> <span>{n}</span></div>'
                   for n, w in enumerate(["Politics", "Business", "Science", "Sport"]))
    body = body_of(article(paragraphs() + f"<div>{menu}</div>"))
    assert "structure:link_column" not in body.rules_fired


@pytest.mark.parametrize(("label", "headline"), [
    ("<strong>For context: </strong>", "Harbour ferry fares to rise again in the spring"),
    ("<b>Also worth a look</b> ", "Harbour ferry fares to rise again in the spring"),
    ("<strong>Zum Nachlesen | </strong>", "Fährpreise steigen im Frühjahr"),
    ("<strong>往期报道：</strong>", "渡轮票价将在春季再次上调"),
])
def test_a_label_and_a_link_to_another_story_between_paragraphs_goes(label, headline):
    line = f'<p>{label}<a href="/x/1.html">{headline}</a></p>'
    body = body_of(article(paragraphs(last=3) + line + paragraphs(first=3)))
    assert headline not in body.text
    assert all(p in body.text for p in STORY["en"])
    assert "structure:cross_link" in body.rules_fired


@pytest.mark.parametrize("line", [
    '<p>Source: <a href="/o">The Evening Courier Group</a></p>',
    '<p>Quelle: <a href="/o">Fährpreise steigen im Frühjahr deutlich</a></p>',
    '<p>Details: <a href="https://example.org/report">https://example.org/report/2019/ferry-fares</a></p>',
    '<p>The harbour board <a href="/x">published its annual report on the ferries</a>.</p>',
    '<p>See: <a href="/x">Harbour ferry fares to rise again in the spring</a> and the '
    "board's reply, published on Monday.</p>",
])
def test_credits_addresses_and_sentences_with_a_link_stay(line):
    body = body_of(article(paragraphs(last=3) + line + paragraphs(first=3)))
    assert "structure:cross_link" not in body.rules_fired


def test_a_consent_banner_with_buttons_goes_whatever_it_says():
    banner = ('<div class="note"><p>Small files help this page remember your choices.</p>'
              "<p>Details are in our privacy notice.</p><button>Fine by me</button>"
              "<button>No thanks</button></div>")
    body = body_of(article(paragraphs(), before=banner))
    assert "Fine by me" not in body.text and "privacy notice" not in body.text
    assert "structure:consent_box" in body.rules_fired


def test_a_form_with_a_button_that_says_nothing_of_privacy_stays_a_form():
    form = '<div><p>Was this story useful to you?</p><button>Yes</button><button>No</button></div>'
    body = body_of(article(paragraphs() + form))
    assert "structure:consent_box" not in body.rules_fired


@pytest.mark.parametrize("label", ["Anzeige – der Artikel geht unten weiter",
                                   "Espacio publicitario", "Our sponsor's message", "推广信息"])
def test_a_labelled_empty_ad_slot_between_paragraphs_goes(label):
    slot = f'<div class="s"><span>{label}</span><div style="height:250px"></div></div>'
    body = body_of(article(paragraphs(last=3) + slot + paragraphs(first=3)))
    assert label not in body.text
    assert all(p in body.text for p in STORY["en"])


def test_a_caption_beside_an_empty_box_stays_when_it_names_no_advertising():
    figure = ('<div><div style="height:250px"></div><p>The new ferry terminal at dawn</p></div>')
    body = body_of(article(paragraphs(last=3) + figure + paragraphs(first=3)))
    assert "structure:ad_slot" not in body.rules_fired


def test_a_banner_about_tracking_on_the_readers_device_goes_with_its_buttons():
    banner = ('<div><p>We and our partners keep small records on your device to measure visits.</p>'
              "<button>Sure</button><button>Not now</button></div>")
    body = body_of(article(paragraphs(), after=banner))
    assert "Not now" not in body.text and "structure:consent_box" in body.rules_fired
