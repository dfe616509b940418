"""Script detection skips counting letters on pages without Han characters: same answers.

The reference below is the rule as it was before that shortcut (letters counted first,
then the Han share), checked against the module on texts around every threshold.
"""

from __future__ import annotations

import pytest

from extractors import language
from extractors.language import MIN_CHARS, detect_language


def _old_by_script(sample: str) -> str | None:
    letters = len(language._LETTER.findall(sample))
    if letters < MIN_CHARS // 2:
        return None
    han = len(language._HAN.findall(sample))
    if (han >= 0.3 * letters and not language._KANA.search(sample)
            and not language._HANGUL.search(sample)):
        return "zh"
    return None


SAMPLES = [
    "",
    "短",
    "北京" * 5,  # 10 letters: too few
    "北京市" * 7,  # 21 Han letters
    "北京市政府今天宣布，公交票价将从下月起上调。市民对此反应不一。",
    "東京都は今日、新しい政策を発表しました。多くの市民が歓迎しています。",  # kana
    "서울시는 오늘 새로운 정책을 발표했습니다. 中央政府도 환영했습니다.",  # hangul
    "The mayor of 北京 said on Monday that fares would rise next month for everyone.",
    "A" * 13 + "中" * 6,  # 19 letters: under the threshold
    "A" * 14 + "中" * 6,  # 20 letters, 30% Han: exactly on the share
    "A" * 15 + "中" * 6,  # just under 30% Han
    "Ünïcödé lëttërs ånd dïgïts 1234567890 çà et là, mais pas de hàn du tout.",
    "1234567890 " * 10 + "中",
    "中" + "_" * 40 + "文" * 8,
]


@pytest.mark.parametrize("sample", SAMPLES)
def test_script_rule_gives_the_old_answer(sample: str):
    assert language._by_script(sample) == _old_by_script(sample)


@pytest.mark.parametrize("title, text, expected", [
    ("公交票价下月上调", "北京市政府今天宣布，公交票价将从下月起上调。市民对此反应不一。", "zh"),
    (None, "The city council voted on Tuesday to raise bus fares by ten cents "
           "from the first of next month, citing higher fuel costs.", "en"),
])
def test_detection_end_to_end(title: str | None, text: str, expected: str):
    assert detect_language(text, title=title).code == expected
