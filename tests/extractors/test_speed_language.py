"""Script detection skips counting letters on pages without Han characters: same answers.

The reference below is the rule as it was before that shortcut (letters counted first,
then the Han share), checked against the module on texts around every threshold.

The compact model walks its automaton over all bytes at once: the states, and the features
in the order py3langid counts them, are checked against byte-by-byte walks.
"""

from __future__ import annotations

import numpy as np
import py3langid
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


# -- the compact model's vectorised walk -----------------------------------------------------

WALK_TEXTS = [
    "",
    "a",
    "The city council voted on Tuesday to raise bus fares by ten cents.",
    "北京市政府今天宣布，公交票价将从下月起上调。" * 3,
    "Mixed 中文 and English, 日本語 und Deutsch, ελληνικά και русский. " * 5,
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "\x00\x01\x02 \ufffd\ufffd \U0001f600" * 7,
]


def _walk(model: language._CompactModel, data: bytes) -> list[int]:
    """The automaton walked byte by byte (the loop the vectorised walk replaced)."""
    states, state = [], 0
    for byte in data:
        cell = int(model.row_start[state]) + byte
        high = int(model.next_high[cell >> 3]) >> (cell & 7) & 1
        state = int(model.next_low[cell]) | high << 16
        states.append(state)
    return states


@pytest.mark.parametrize("text", WALK_TEXTS)
def test_vectorised_walk_gives_the_byte_by_byte_states(text: str):
    model = language._compact_model()
    assert model is not None
    data = language._utf8(text)
    assert model._states(data).tolist() == _walk(model, data)


@pytest.mark.parametrize("text", WALK_TEXTS)
def test_features_come_in_py3langid_order(text: str):
    # The score sums features in this order: a float32 sum in another order may round apart.
    model = language._compact_model()
    identifier = py3langid.langid._get_identifier()
    data = language._utf8(text)
    expected = py3langid.langid.visit_counts(identifier.tk_nextmove, identifier._rowbase,
                                             identifier.tk_output, data) or {}
    found, times = model._features(data)
    assert list(zip(found.tolist(), times.tolist(), strict=True)) == list(expected.items())


def test_the_half_table_widens_as_numpy_does():
    halves = np.arange(1 << 16, dtype=np.uint16).view(np.float16)
    with np.errstate(invalid="ignore"):
        widened = halves.astype(np.float32)
    assert language._HALF_TO_SINGLE.view(np.uint32).tolist() == widened.view(np.uint32).tolist()
