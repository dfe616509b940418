"""The credited outlet: found in credit lines, taken out of the body, prose left alone."""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.attribution import find_credit, find_original_source

STORY = [
    "The council approved the new budget on Tuesday after a long debate.",
    "The mayor said the vote was a relief for schools and for the harbour.",
    "Opposition members argued the plan would raise local taxes next year.",
    "A final reading is expected before the end of the month, officials said.",
]


@pytest.mark.parametrize(("line", "outlet"), [
    ("source:NBC News", "NBC News"),
    ("Published on 2023-06-04 15:52:03 source:NBC News", "NBC News"),
    ("Source: Reuters", "Reuters"),
    ("Source : AFP", "AFP"),
    ("来源：新华社", "新华社"),
    ("來源：中央社", "中央社"),
    ("发布时间：2023-06-04 15:52 来源：人民日报 作者：张三", "人民日报"),
    ("[来源：新华网]", "新华网"),
    ("来源 澎湃新闻 2023-06-04", "澎湃新闻"),
    ("本文转载自澎湃新闻，版权归原作者所有", "澎湃新闻"),
    ("Quelle: dpa", "dpa"),
    ("Veröffentlicht am 04.06.2023 Quelle: Süddeutsche Zeitung Verantwortlicher Redakteur: "
     "Thomas Müller", "Süddeutsche Zeitung"),
    ("Fuente: EFE", "EFE"),
    ("17 de diciembre de 2023 - 16:18 Fuente: El País 82084 visitas", "El País"),
    ("06/02/2024 21:06 Source : Le Monde Lu 16187 fois", "Le Monde"),
    ("Updated: July 16, 2023 Source: Fox News Edited by: David Brooks", "Fox News"),
    ("This article originally appeared in The Guardian.", "The Guardian"),
    ("This article first appeared on Vox and is republished here with permission.", "Vox"),
    ("Originally published at The Conversation on June 4, 2023", "The Conversation"),
    ("Dieser Artikel erschien zuerst bei Spiegel Online.", "Spiegel Online"),
    ("Este artículo fue publicado originalmente en El País.", "El País"),
    ("Cet article a été publié initialement dans Le Monde.", "Le Monde"),
    ("Source: https://www.reuters.com/world/story-1", "reuters.com"),
    ("Source: France 24", "France 24"),
])
def test_credit_lines(line: str, outlet: str) -> None:
    credit = find_credit(line)
    assert credit is not None and credit.outlet == outlet


@pytest.mark.parametrize("line", [
    "Sources said the deal was close to being signed.",
    "A source close to the minister said: nothing has been decided.",
    "The project is open source: anyone can read the source code.",
    "The source code is published on GitHub.",
    "The virus first appeared in Wuhan in late 2019.",
    "Data source: World Bank",
    "Image source: Neil Godwin",
    "来源：网络",
    "Source: unknown",
    "(Reuters) - The minister said the talks would go on.",
])
def test_prose_and_non_outlets_are_not_credits(line: str) -> None:
    assert find_credit(line) is None


def test_a_credit_line_at_the_top_is_removed_from_text_and_markdown() -> None:
    text = "\n\n".join(["Published on 2023-06-04 15:52:03 source:NBC News", *STORY])
    markdown = "\n\n".join(["*Published on 2023-06-04 15:52:03 source:NBC News*", *STORY])
    found = find_original_source(text, markdown)
    assert found.original_source == "NBC News"
    assert found.provenance == "body"
    assert "NBC News" not in found.text and "NBC News" not in found.markdown
    assert found.text.startswith(STORY[0]) and found.markdown.startswith(STORY[0])
    assert found.removed_lines == ("Published on 2023-06-04 15:52:03 source:NBC News",)


def test_a_credit_at_the_end_of_a_paragraph_is_cut_not_the_paragraph() -> None:
    last = "Officials will meet again on Friday. Source: Reuters"
    found = find_original_source("\n\n".join([*STORY, last]), "\n\n".join([*STORY, last]))
    assert found.original_source == "Reuters"
    assert found.text.endswith("Officials will meet again on Friday.")
    assert found.markdown.endswith("Officials will meet again on Friday.")
    assert found.removed_lines == ("Source: Reuters",)


def test_a_chart_credit_in_the_middle_is_left_alone() -> None:
    middle = [*STORY, *STORY, "Source: Ministry of Finance", *STORY, *STORY, *STORY, *STORY]
    text = "\n".join(middle)
    found = find_original_source(text, text, page_lines=("Source: Ministry of Finance",))
    assert found.original_source is None
    assert found.text == text


def test_a_credit_outside_the_body_is_found_on_the_page() -> None:
    text = "\n\n".join(STORY)
    found = find_original_source(text, text, page_lines=("Home > World",
                                                          "2023-06-04 来源：新华社"))
    assert (found.original_source, found.provenance) == ("新华社", "page")
    assert found.text == text  # nothing to remove from the body


def test_the_copiers_label_beats_a_phrase_in_the_story() -> None:
    text = "\n\n".join([*STORY, "Originally published on Live Science.", "source:Bloomberg"])
    found = find_original_source(text, text)
    assert found.original_source == "Bloomberg"
    assert "Live Science" not in found.text and "Bloomberg" not in found.text


def test_a_long_caption_ending_in_a_credit_is_not_the_copys_credit() -> None:
    caption = ("New Horizons took this image of the icy moon Europa rising above Jupiter's cloud "
               "tops in February 2007, six hours after the closest approach. (Source: NASA)")
    found = find_original_source("\n\n".join(STORY), "", page_lines=(caption,))
    assert found.original_source is None


def test_extract_finds_the_credit_in_a_byline_div_the_body_drops() -> None:
    paragraphs = "".join(f"<p>{line} {line}</p>" for line in STORY)
    page = (
        "<html><head><title>Budget approved,NBC News</title></head><body>"
        "<div class='nav'><a href='/'>Home</a></div><div class='main'>"
        "<h1>Budget approved</h1><div class='info'>Published on 2023-06-04 15:52:03 "
        f"source:<a href='/s/nbc'>NBC News</a></div><div class='content'>{paragraphs}</div>"
        "</div></body></html>"
    )
    article = extract(page.encode(), "https://www.example-agg.com/news/1.html")
    assert article.original_source == "NBC News"
    assert dict(article.extraction.provenance)["original_source"] in {"page", "body"}
    assert "source:" not in article.text and "source:" not in article.markdown


def test_extract_removes_a_bottom_credit_line_and_lists_it() -> None:
    paragraphs = "".join(f"<p>{line} {line}</p>" for line in STORY)
    page = (f"<html><body><article><h1>Haushalt</h1>{paragraphs}<p>Quelle: dpa</p>"
            "</article></body></html>")
    article = extract(page.encode(), "https://nachrichten.example.de/a/2.html")
    assert article.original_source == "dpa"
    assert "Quelle" not in article.text
    removed = [r for r in article.extraction.removed if r.rule == "attribution:credit_line"]
    assert [r.text for r in removed] == ["Quelle: dpa"]


def test_an_element_marked_as_the_source_names_the_outlet() -> None:
    paragraphs = "".join(f"<p>{line} {line}</p>" for line in STORY)
    page = ("<html><head><title>Budget approved_News Site</title></head><body><h1>Budget approved"
            "</h1><div class='info'><span class='time'>2023-06-04 15:52</span> <span class='"
            f"source'><a href='http://x'>Xinhua</a></span></div>{paragraphs}</body></html>")
    article = extract(page.encode(), "https://news.example.cn/a/1.html")
    assert article.original_source == "Xinhua"
    assert dict(article.extraction.provenance)["original_source"] == "tagged"


def test_a_pictures_source_element_is_not_the_copys() -> None:
    paragraphs = "".join(f"<p>{line} {line}</p>" for line in STORY)
    page = ("<html><body><article><h1>Budget</h1><span class='caption-source'><span class="
            f"'source'>Reuters</span></span>{paragraphs}</article></body></html>")
    assert extract(page.encode()).original_source is None


def test_a_labelled_credit_beats_a_source_element() -> None:
    found = find_original_source("\n\n".join(STORY), "", page_lines=("来源：新华社",),
                                 tagged_outlets=("人民网",))
    assert found.original_source == "新华社"
