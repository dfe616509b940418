"""Clutter rules that judge a line by its shape, so wordings never seen before still go:
text-size switches, previous/next links, box headings, newsletter prompts, "see also" and tag
lines, a Chinese site name — and, for each, a similar line of a real story that must stay.
The wordings here are our own, not the benchmark's."""

from __future__ import annotations

import pytest

from extractors.lexicon import DEFAULT_LEXICON, load_lexicon

from .clutter_support import PROSE
from .clutter_support import kept_lines as _kept


def _rule(line: str) -> str | None:
    rule = DEFAULT_LEXICON.first_match(line)
    return rule.id if rule is not None else None


@pytest.mark.parametrize("line", [
    "Textgröße anpassen: A A A", "Tamaño de la letra: A+ A-", "Taille du texte : A- A A+",
    "Text size: T T T", "字体 大 中 小", "Font: Small Medium Large",
])
def test_a_text_size_switch_goes_whatever_its_label(line: str) -> None:
    assert _rule(line) in {"font_size", "font_size_switch"}


@pytest.mark.parametrize("line", [
    "Grades: A, B and C", "Note: A shorter route", "Plan A", "Option A or B?",
])
def test_letters_in_a_sentence_are_not_a_size_switch(line: str) -> None:
    assert _rule(line) is None


@pytest.mark.parametrize("line", ["« Floods close the coastal road", "‹ Older: Markets open lower",
                                  "Council elects a new mayor »", "Weiter zur Bilanz →"])
def test_a_line_led_or_closed_by_an_arrow_is_a_link_to_the_next_story(line: str) -> None:
    kept = _kept([line, PROSE, PROSE])
    assert line not in kept and kept == [PROSE, PROSE]


@pytest.mark.parametrize("line", [
    "« Nous sommes prêts », a déclaré la ministre.",  # a quote closes its guillemets
    "<Das Boot: Die Serie>",  # a title in angle brackets
    "« Nous avons tout essayé pour sauver le marché.",  # a quote opening a paragraph
])
def test_quotes_and_titles_are_not_prev_next_links(line: str) -> None:
    assert line in _kept([line, PROSE])


@pytest.mark.parametrize("line", [
    "Popular this week", "Most shared today", "Les plus consultés du jour",
    "Lo más compartido de la semana", "Meistgeklickte Nachrichten", "本周热读", "大家都在看",
])
def test_a_box_heading_in_any_usual_wording_is_a_boundary(line: str) -> None:
    rule = DEFAULT_LEXICON.first_match(line)
    assert rule is not None and rule.kind == "boundary" and rule.label


def test_a_box_heading_followed_by_prose_is_a_subheading_and_stays() -> None:
    kept = _kept([PROSE, PROSE, "Most read today", PROSE])
    assert "Most read today" in kept


@pytest.mark.parametrize("line", [
    "Our best stories, straight to your inbox every morning",
    "Toute l'actualité régionale chaque soir dans votre boîte mail",
    "Las claves del día, directamente en tu correo",
    "Die wichtigsten Meldungen jeden Morgen in Ihr Postfach",
    "每日精选资讯直达邮箱",
])
def test_a_newsletter_prompt_goes_by_where_the_mail_lands(line: str) -> None:
    assert _rule(line) is not None


@pytest.mark.parametrize("line", [
    "Sign up for the streaming bundle using the same email as your old account",
    "The newsletter was launched in 2019 and now reaches two million readers each day.",
])
def test_sentences_about_mail_and_newsletters_stay(line: str) -> None:
    assert line in _kept([PROSE, line, PROSE])


@pytest.mark.parametrize("line", [
    "Sur le même sujet : La pluie retarde les vendanges",
    "Zum Thema: Stadt sperrt die Brücke",
    "Artículo relacionado: El puerto amplía su horario",
    "More on this story: Bridge closed for repairs",
    "相关报道：地铁新线今日开通",
])
def test_a_see_also_line_goes(line: str) -> None:
    assert _rule(line) is not None


@pytest.mark.parametrize("line", [
    "Temas relacionados: vivienda, alquiler, juventud", "Sujets associés : climat, agriculture",
    "Verwandte Themen: Verkehr, Bahn", "热门标签：旅游、交通",
])
def test_a_tag_line_goes(line: str) -> None:
    assert _rule(line) in {"tags_line", "tags_label"}


def test_a_sentence_with_a_colon_and_the_word_topic_stays() -> None:
    line = "Topic: the minister said the reform would be debated again. Nothing was decided."
    assert _rule(line) is None


def test_a_chinese_site_name_at_the_edge_goes_but_not_between_paragraphs() -> None:
    long_zh = "记者从市交通局获悉，" * 8
    assert _kept(["华夏资讯网", long_zh, long_zh]) == [long_zh, long_zh]
    assert "华夏资讯网" in _kept([long_zh, "华夏资讯网", long_zh])


@pytest.mark.parametrize("line", [
    "Popular this week: Bridge to close for repairs",
    "Lo más compartido | Nuevo récord de pasajeros",
    "本周热读：地铁新线开通",
])
def test_a_link_led_by_any_box_heading_goes(line: str) -> None:
    assert _rule(line) is not None


@pytest.mark.parametrize("line", [
    "The minister said: we are ready",
    "Warning: roads will close at noon",
])
def test_a_sentence_with_a_colon_is_not_a_box_link(line: str) -> None:
    assert _rule(line) is None


def test_a_labelled_rule_naming_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown label rules"):
        load_lexicon('[x]\nmatch = "labelled"\nphrases = ["nope"]\n')


def test_a_line_of_hashtags_goes_but_a_sentence_with_one_stays() -> None:
    assert _rule("#Wirtschaft #Politik #Gesellschaft") == "hashtags"
    assert _rule("#1 priority for the council is housing") is None


def test_the_wsj_style_reprint_notice_still_goes() -> None:
    line = ("This copy is for your personal, non-commercial use only. Distribution and use of "
            "this material are governed by our Subscriber Agreement and by copyright law. For "
            "non-personal use or to order multiple copies, please contact the reprints desk.")
    assert _rule(line) is not None


@pytest.mark.parametrize("line", ["Filed under Politics, Economy", "Classé dans politique, société",
                                  "Archivado en vivienda, alquiler, juventud"])
def test_a_tag_label_without_colon_and_a_list_goes(line: str) -> None:
    assert _rule(line) == "tags_list"


@pytest.mark.parametrize("line", ["Tagged as a threat, the group was banned in 2019",
                                  "More on Brexit, trade and the Irish border next week"])
def test_a_sentence_starting_like_a_tag_label_stays(line: str) -> None:
    assert _rule(line) is None
