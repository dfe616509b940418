"""Edge lines recognised by their shape: size switches, view counts, cookie notes, statements."""

import pytest

from .clutter_support import PROSE, kept_lines


@pytest.mark.parametrize("line", [
    "Change type size: + -",
    "Textgröße: normal | groß | sehr groß",
    "Texto: más grande | más pequeño | restablecer",
    "Enlarge text | Shrink text",
    "【字号：大 中 小】【关闭】",
    "设置字体：+ -",
])
def test_a_text_size_switch_goes(line):
    assert kept_lines([PROSE, line]) == [PROSE]


@pytest.mark.parametrize("line", [
    "Viewed so far: 12,408", "Zugriffe bisher: 3.517", "Visualizaciones: 8823",
    "Déjà 4512 lecteurs", "已围观 3568 次",
])
def test_a_view_count_before_or_after_the_story_goes(line):
    assert kept_lines([line, PROSE]) == [PROSE]


@pytest.mark.parametrize("line", ["Built in 1932 and rebuilt twice.", "Chapter 3: Reading list",
                                  "Visited by 5 ministers this year"])
def test_short_lines_with_a_small_number_or_a_sentence_stay(line):
    assert kept_lines([line, PROSE]) == [line, PROSE]


@pytest.mark.parametrize("line", [
    "Small text files called cookies keep this page running smoothly for you.",
    "Diese Seite merkt sich Ihre Auswahl mit Cookies.",
    "本网页借助Cookie记住您的语言选择。",
])
def test_a_cookie_note_at_the_edge_goes(line):
    assert kept_lines([line, PROSE]) == [PROSE]


def test_a_cookie_sentence_in_reported_speech_stays():
    line = "The regulator said that cookies would need clear consent from next year."
    assert kept_lines([line, PROSE]) == [line, PROSE]


def test_a_page_statement_about_machine_collected_content_goes():
    line = "本页资讯由系统从合作网站自动采集，未经人工核实。"
    assert kept_lines([PROSE, line]) == [PROSE]


@pytest.mark.parametrize("line", ["Posted 2021-04-30 09:12 · 5,210 readers so far",
                                  "30.04.2021, 09:12 Uhr · bisher 5.210 Aufrufe"])
def test_a_date_with_a_view_count_before_the_story_goes(line):
    assert kept_lines([line, PROSE]) == [PROSE]


@pytest.mark.parametrize("line", ["In this story: harbour, ferries, fares",
                                  "Weitere Stichworte – Hafen, Fähren, Preise",
                                  "话题：港口、渡轮、票价"])
def test_a_short_list_of_topic_words_after_the_story_goes(line):
    assert kept_lines([PROSE, line]) == [PROSE]


@pytest.mark.parametrize("line", ["Berlin, 12 May 2021, dpa",
                                  "He thanked his wife, his children and his doctors."])
def test_lists_with_numbers_or_sentences_stay(line):
    assert kept_lines([PROSE, line]) == [PROSE, line]


@pytest.mark.parametrize("line", ["Our morning digest, straight to your inbox",
                                  "Jeden Freitag die Wochenbilanz per E-Mail",
                                  "Cada lunes, lo esencial por correo",
                                  "每周五把精选文章推送到你的邮箱"])
def test_an_offer_of_the_sites_mail_after_the_story_goes(line):
    assert kept_lines([PROSE, line]) == [PROSE]


def test_a_line_with_a_mail_address_stays():
    line = "Write to the harbour board at board@harbour.example by email"
    assert kept_lines([PROSE, line]) == [PROSE, line]


@pytest.mark.parametrize("line", ["Lesegröße A- A+", "【大】【中】【小】", "Text size: A⁻ A A⁺",
                                  "Tamaño: pequeño | estándar | grande"])
def test_size_buttons_without_a_known_label_or_with_bracketed_buttons_go(line):
    assert kept_lines([PROSE, line]) == [PROSE]


def test_a_short_line_of_letters_that_are_not_size_buttons_stays():
    assert kept_lines([PROSE, "Plan A B"]) == [PROSE, "Plan A B"]


@pytest.mark.parametrize("line", ["Your privacy matters: manage your choices below.",
                                  "Wir respektieren Ihre Privatsphäre. Einstellungen anpassen?",
                                  "您的隐私很重要，请选择是否同意。"])
def test_a_privacy_prompt_to_the_reader_at_the_edge_goes(line):
    assert kept_lines([line, PROSE]) == [PROSE]


def test_a_sentence_about_privacy_at_the_edge_stays():
    line = "The privacy regulator will publish its guidance next month."
    assert kept_lines([line, PROSE]) == [line, PROSE]
