"""Language is detected from the text; <html lang> and the caller's hint are fallbacks."""

from __future__ import annotations

import py3langid
import pytest

from extractors import extract, language
from extractors.language import detect_language

SAMPLES = {
    "en": "The council approved the new budget on Tuesday after a long debate about schools.",
    "de": "Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen.",
    "es": "El ayuntamiento aprobó el martes el nuevo presupuesto tras un largo debate.",
    "fr": "Le conseil municipal a adopté mardi le nouveau budget après un long débat.",
    "zh": "市议会周二经过长时间辩论后批准了新的预算，市长表示投票结果令人欣慰。",
}


@pytest.mark.parametrize(("code", "text"), SAMPLES.items())
def test_each_language_is_detected_from_the_text(code: str, text: str) -> None:
    guess = detect_language(text, page_language="en")  # the page claims English
    assert (guess.code, guess.source) == (code, "detected")


def test_traditional_chinese_is_zh_and_japanese_is_not() -> None:
    assert detect_language("中華民國外交部發言人週三表示，雙方將繼續保持溝通與合作。").code == "zh"
    japanese = "東京都は水曜日、新しい予算案を発表しました。知事は記者会見で説明しました。"
    assert detect_language(japanese).code == "ja"


def test_short_text_falls_back_to_the_hint_then_the_page() -> None:
    assert detect_language("OK", hint="de", page_language="fr").code == "de"
    guess = detect_language("OK", page_language="fr-CA")
    assert (guess.code, guess.source) == ("fr", "html_lang")
    assert detect_language("OK") == detect_language("", None, None)
    assert detect_language("OK").code is None


def test_the_title_helps_a_short_body() -> None:
    guess = detect_language("Mehr dazu später.", title="Bundesregierung verlängert Maßnahmen")
    assert guess.code == "de"


def test_extract_ignores_a_wrong_html_lang() -> None:
    body = "".join(f"<p>{SAMPLES['es']} {SAMPLES['es']}</p>" for _ in range(3))
    page = f"<html lang='en'><head><title>Presupuesto</title></head><body><article>{body}"
    article = extract((page + "</article></body></html>").encode())
    assert article.language == "es"
    assert dict(article.extraction.provenance)["language"] == "detected"


def test_detected_code_is_always_iso_639_1_or_null():
    # Made-up words make py3langid 0.4 rank three-letter codes ("fuv", "kab") first at times;
    # the record schema allows only ISO 639-1, so such a guess must never come out.
    samples = [
        "Zorvak plinth murrow tessik vandrel oput kriminaw solvey gunthrip arrowen " * 4,
        "Mbaali ndeey woote fuuta jaŋde kaŋŋe ñaamde gollal ndiyam leydi " * 4,
        "Qwyx brantok fellumi zarreth opplinog wistrava kemmor diltrap " * 4,
    ]
    for text in samples:
        guess = detect_language(text)
        assert guess.code is None or (len(guess.code) == 2 and guess.code.isalpha()), guess


COMPACT_SAMPLES = [
    *SAMPLES.values(),
    "",
    "OK",
    "BREAKING NEWS FROM THE CITY HALL TONIGHT",  # all caps: lowered as py3langid does
    "東京都は水曜日、新しい予算案を発表しました。知事は記者会見で説明しました。",
    "서울시는 오늘 새로운 정책을 발표했습니다.",
    "Москва объявила о новых мерах поддержки малого бизнеса в среду.",
    "Il consiglio comunale ha approvato martedì il nuovo bilancio dopo un lungo dibattito.",
    "Zorvak plinth murrow tessik vandrel oput kriminaw solvey gunthrip arrowen " * 4,
    "1234567890 !!! ??? ... ---",
    "Mixed 中文 and English, 日本語 und Deutsch, ελληνικά και русский.",
]


@pytest.mark.parametrize("text", COMPACT_SAMPLES)
def test_the_compact_model_ranks_as_py3langid_does(text: str) -> None:
    model = language._compact_model()
    assert model is not None  # py3langid 0.4's layout: the compact model loads
    assert model.rank(text) == py3langid.rank(text)


def test_the_compact_model_keeps_every_state_of_the_automaton() -> None:
    # States at or above 2**16 need the high bit: some cell must lead to one, and walking a
    # text through such a state must give py3langid's feature counts.
    model = language._compact_model()
    assert model is not None
    assert any(model.next_high)
    text = " ".join(COMPACT_SAMPLES) * 3
    identifier = py3langid.langid._get_identifier()
    expected = py3langid.langid.visit_counts(identifier.tk_nextmove, identifier._rowbase,
                                             identifier.tk_output, language._utf8(text))
    assert model._feature_counts(language._utf8(text)) == expected
