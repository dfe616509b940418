"""Lists a page typed as paragraphs ("• item", "1. step") come out as lists."""

from extractors.structure import Block, Line, render_markdown, render_text
from extractors.structure_lists import typed_lists

from .body_pages import article, body_of, paragraphs

ITEMS = ["a synthetic ice rink for children", "a choir concert on Saturday",
         "workshops for making figurines"]


def _paras(*texts: str) -> tuple[Block, ...]:
    return tuple(Block("p", (Line(t, t),)) for t in texts)


def test_bullet_paragraphs_become_one_list_without_bullets():
    html = article(paragraphs(last=2) + "<p>On the programme:</p>"
                   + "".join(f'<p class="b"><span>•</span> {x}</p>' for x in ITEMS)
                   + paragraphs(first=2))
    body = body_of(html)
    assert "On the programme:\n\n" + "\n".join(ITEMS) + "\n\n" in body.text
    assert "\n".join(f"- {x}" for x in ITEMS) in body.markdown
    assert "•" not in body.text


def test_numbered_paragraphs_become_one_ordered_list_keeping_their_numbers():
    steps = [f"{n}. {x}" for n, x in enumerate(ITEMS, start=1)]
    blocks, made = typed_lists(_paras("Three stages:", *steps, "After that, quiet."))
    assert made == 1
    assert render_text(blocks) == "Three stages:\n\n" + "\n".join(steps) + "\n\nAfter that, quiet."
    assert render_markdown(blocks) == render_text(blocks)


def test_bullet_lines_of_one_br_paragraph_become_a_list_after_their_lead_in():
    lines = ("Included:", *(f"• {x}" for x in ITEMS))
    blocks, made = typed_lists((Block("p", tuple(Line(x, x) for x in lines)),))
    assert made == 1
    assert [b.kind for b in blocks] == ["p", "list"]
    assert render_markdown(blocks) == "Included:\n\n" + "\n".join(f"- {x}" for x in ITEMS)


def test_a_lone_bullet_or_numbers_that_do_not_count_up_stay_paragraphs():
    original = _paras("• just one", "Some prose in between.", "1. first", "3. third",
                      "2023. A year is not a step.")
    assert typed_lists(original) == (original, 0)


def test_numbered_run_must_start_at_one():
    original = _paras("4. fourth", "5. fifth")
    assert typed_lists(original) == (original, 0)


def test_dialogue_dashes_are_not_bullets():
    original = _paras("– Oui, dit-elle.", "– Non, répond-il.")
    assert typed_lists(original) == (original, 0)
