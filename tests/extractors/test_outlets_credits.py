"""Credits whose label is in no lexicon are found by the outlet they name (outlets.toml)."""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.attribution import find_credit, find_original_source
from extractors.outlets import find_outlet_credit

STORY = [
    "The council approved the new budget on Tuesday after a long debate.",
    "The mayor said the vote was a relief for schools and for the harbour.",
    "Opposition members argued the plan would raise local taxes next year.",
    "A final reading is expected before the end of the month, officials said.",
]


@pytest.mark.parametrize(("line", "outlet"), [
    ("Via Reuters", "Reuters"),
    ("Courtesy of NBC News", "NBC News"),
    ("Provided by The Associated Press", "The Associated Press"),
    ("Crédits : AFP", "AFP"),
    ("D'après l'AFP", "AFP"),
    ("Avec AFP", "AFP"),
    ("Texto: EFE", "EFE"),
    ("Información de Europa Press", "Europa Press"),
    ("Mit freundlicher Genehmigung von Deutsche Welle", "Deutsche Welle"),
    ("Nachrichtenagentur: dpa", "dpa"),
    ("新华社 供稿", "新华社"),
    ("稿件提供：新华社", "新华社"),
    ("本文内容来自澎湃新闻", "澎湃新闻"),
    ("— AP", "AP"),
    ("(AFP)", "AFP"),
    ("REUTERS", "REUTERS"),
    ("From the Guardian", "the Guardian"),
    ("12 May 2023 | Provided by Reuters | 2,310 views", "Reuters"),
    ("2023-05-12 10:04 稿件提供：新华社 阅读：2310", "新华社"),
    ("Responsible editor: Jane Doe Credit: Reuters", "Reuters"),
    ("Créé le 06/02/2024 21:06 Crédit : RFI Vues : 16187", "RFI"),
    ("Aktualisiert am 28.10.2023, 01:06 Uhr Mit freundlicher Genehmigung von Die Zeit 40237x "
     "gelesen", "Die Zeit"),
    ("更新于 2019-09-17 05:13 环球时报 供稿 责任编辑：张伟", "环球时报"),
    ("This story was provided by The Conversation", "The Conversation"),
    ("本文由澎湃新闻提供", "澎湃新闻"),
    ("稿件提供：《人民日报》", "人民日报"),
    ("Via [Reuters]", "Reuters"),
    ("Crédit — AFP", "AFP"),
    ("Cortesía de El Mundo", "El Mundo"),
    ("Bereitgestellt vom Tagesspiegel", "Tagesspiegel"),
])
def test_a_short_line_of_lead_in_and_known_outlet_is_a_credit(line: str, outlet: str) -> None:
    # the gazetteer finds it on its own; the lexicon, when it knows the shape, agrees
    lexical = find_credit(line)
    assert lexical is None or lexical.outlet == outlet
    found = find_outlet_credit(line)
    assert found is not None and found.outlet == outlet


def test_an_unseen_credit_line_at_the_bottom_is_taken_out() -> None:
    text = "\n\n".join([*STORY, "Courtesy of NBC News"])
    found = find_original_source(text, text)
    assert (found.original_source, found.provenance) == ("NBC News", "body")
    assert found.text == "\n\n".join(STORY) and found.markdown == "\n\n".join(STORY)
    assert found.removed_lines == ("Courtesy of NBC News",)


def test_a_meta_line_with_an_unseen_credit_goes_whole() -> None:
    meta = "Published on 2023-06-04 15:52 | Provided by Reuters | 2,310 views"
    found = find_original_source("\n\n".join([meta, *STORY]))
    assert found.original_source == "Reuters"
    assert found.text == "\n\n".join(STORY)


def test_a_meta_line_with_labels_no_lexicon_knows_goes_whole() -> None:
    meta = "Créé le 25/01/2022 14:11 Avec Ouest-France Vues : 32603"
    found = find_original_source("\n\n".join([meta, *STORY]))
    assert found.original_source == "Ouest-France"
    assert found.text == "\n\n".join(STORY)


def test_a_lexicon_credit_beats_a_gazetteer_one() -> None:
    text = "\n\n".join(["Via Reuters", *STORY, "Source: Bloomberg"])
    found = find_original_source(text, text)
    assert found.original_source == "Bloomberg"
    assert found.text == "\n\n".join(STORY)  # both credit lines are clutter


def test_a_gazetteer_credit_beats_a_phrase_in_the_story() -> None:
    # "Originally published on …" belongs to the story's own text; "Via X" is the copier's.
    text = "\n\n".join([*STORY, "Originally published on Live Science."])
    found = find_original_source(text, text, page_lines=("2023-06-04 | Courtesy of Sky News",))
    assert (found.original_source, found.provenance) == ("Sky News", "page")


def test_an_element_marked_as_the_source_beats_a_gazetteer_credit() -> None:
    text = "\n\n".join(["Via Reuters", *STORY])
    assert find_original_source(text, tagged_outlets=("Xinhua",)).original_source == "Xinhua"


def test_outside_the_body_a_credit_needs_a_label() -> None:
    text = "\n\n".join(STORY)
    assert find_original_source(text, page_lines=("USA TODAY",)).original_source is None
    assert find_original_source(text, page_lines=("By Jane Doe, CNN",)).original_source is None
    assert find_original_source(text, page_lines=("By CNN Staff",)).original_source is None
    sidebar = ("By JANE DOE", "By REUTERS", "By JOHN ROE")  # each story's byline in a list
    assert find_original_source(text, page_lines=sidebar).original_source is None
    found = find_original_source(text, page_lines=("Home | World", "Par Le Figaro"))
    assert found.original_source == "Le Figaro"  # the page's one byline
    assert find_original_source(text, page_lines=("环球时报 供稿",)).original_source == "环球时报"
    found = find_original_source(text, page_lines=("2023-06-04 | Courtesy of Sky News",))
    assert (found.original_source, found.provenance) == ("Sky News", "page")


def test_extract_takes_an_unseen_credit_out_of_the_body() -> None:
    paragraphs = "".join(f"<p>{line} {line}</p>" for line in STORY)
    page = (f"<html><body><article><h1>Budget</h1>{paragraphs}<p>Crédits : AFP</p>"
            "</article></body></html>")
    article = extract(page.encode(), "https://actu.example.fr/a/1.html")
    assert article.original_source == "AFP"
    assert "Crédits" not in article.text and "Crédits" not in article.markdown
    removed = [r.text for r in article.extraction.removed if r.rule == "attribution:credit_line"]
    assert removed == ["Crédits : AFP"]
