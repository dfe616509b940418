"""Prose that names an outlet is never a credit, and never leaves the body."""

from __future__ import annotations

import pytest

from extractors.attribution import find_original_source
from extractors.outlets import edge_outlet_credits, find_outlet_credit

STORY = [
    "The council approved the new budget on Tuesday after a long debate.",
    "The mayor said the vote was a relief for schools and for the harbour.",
    "Opposition members argued the plan would raise local taxes next year.",
    "A final reading is expected before the end of the month, officials said.",
]


@pytest.mark.parametrize("line", [
    "Speaking to the BBC, the minister said the plan would fail.",
    "Reuters reported on Monday that prices rose.",
    "He told the BBC.",
    "He spoke yesterday morning with officials from the BBC",
    "On 12 May 2023 the BBC announced cuts",
    "according to AFP, the talks will resume next week.",
    "The minister spoke to Reuters",
    "Le ministre a déclaré à l'AFP",
    "Er sagte der dpa",
    "据新华社报道",
    "Michael Bloomberg",
    "Mayor Bloomberg",
    # a title or a heading, not a label, before or after the name
    "Why the BBC",
    "Life at the New York Times",
    "BBC Proms",
    "Reuters Reports",
    "He was speaking to Reuters",
    "This story was told to the BBC",
    # picture credits
    "Photo: AFP",
    "Photo: Jane Doe, AP",
    "REUTERS/Kevin Lamarque",
    "AFP/Getty Images",
    "AP Photo",
    "Bild: dpa",
    "图片来源：新华社",
    # boxes, calls to action, copyright notices, tags
    "More from Reuters",
    "Follow BBC News",
    "Subscribe to The Economist",
    "© 2024 Reuters",
    "Tags: Reuters",
    "Home | BBC News",
    "更多新华社新闻",
    # a known name at the start of a longer line
    "Reuters and the Associated Press contributed to this story from Washington and London",
    # not in the exact case of an outlet
    "via reuters",
])
def test_not_a_credit(line: str) -> None:
    assert find_outlet_credit(line) is None


def test_a_sentence_naming_an_outlet_at_the_edge_stays() -> None:
    last = "According to AFP, the council will vote again in June."
    text = "\n\n".join(["Speaking to the BBC, the mayor said she was relieved.", *STORY, last])
    found = find_original_source(text, text)
    assert found.original_source is None
    assert found.text == text and found.removed_lines == ()


def test_a_short_credit_in_the_middle_of_the_body_is_not_looked_at() -> None:
    middle = [*STORY, *STORY, "Via Reuters", *STORY, *STORY, *STORY]
    text = "\n".join(middle)
    found = find_original_source(text, text)
    assert found.original_source is None and found.text == text


def test_a_round_up_quoting_several_outlets_credits_none() -> None:
    text = "\n\n".join([STORY[0], "[Engadget]", STORY[1], "[CNBC]", STORY[2]])
    assert edge_outlet_credits(text.split("\n\n")) == {}
    found = find_original_source(text, text)
    assert found.original_source is None and found.text == text
