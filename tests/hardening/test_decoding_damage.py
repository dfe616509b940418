"""Damaged bytes: UTF-8 with invalid runs comes out as UTF-8 (noted), junk is reported.

Real byte strings only: pages encoded with Python's codecs, then damaged the way servers do
it (a windows-1252 template fragment pasted into a UTF-8 page, stray bytes, a cut sequence).
"""

from __future__ import annotations

import pytest

from extractors import DecodingFailed, extract
from extractors.decoding import decode_html

DE = ("Die Straßenbahn fährt wieder über die Brücke, und die Bürger freuen sich über die "
      "schöne Aussicht. Größere Städte prüfen ähnliche Maßnahmen für das nächste Jahr.")
ZH = "北京市政府周一宣布，城市北部的新公园将于五月向公众开放，市民可以在湖边散步、骑车和观看鸟类。"
FR = "Le café du théâtre a rouvert ses portes; les habitués sont ravis de la qualité. "
# windows-1252 bytes a template pastes into a UTF-8 page: each é/ü/– is an invalid UTF-8 run
LATIN1_SNIPPETS = ("Über uns", "Impressum – Datenschutz", "Café", "Zurück", "Grüße")


def _page(paragraphs: list[bytes], head: str = "") -> bytes:
    body = b"".join(b"<p>" + p + b"</p>\n" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head>{head}<title>Nachrichten</title></head>"
            f"<body><article><h1>Nachrichten</h1>\n").encode() + body + \
        b"</article></body></html>"


def _utf8_with_latin1_runs(text: str, runs: int, head: str = "") -> bytes:
    """``text`` in UTF-8, paragraph after paragraph, each followed by a windows-1252 snippet
    (``runs`` of them in all): many invalid runs, most high bytes still good UTF-8."""
    snippets = [LATIN1_SNIPPETS[i % len(LATIN1_SNIPPETS)].encode("cp1252") for i in range(runs)]
    return _page([text.encode() + b" " + s for s in snippets], head)


@pytest.mark.parametrize("head", ["", '<meta charset="utf-8">', '<meta charset="windows-1250">',
                                  '<meta charset="iso-8859-1">', '<meta charset="gbk">'])
def test_utf8_with_many_invalid_runs_is_utf8_whatever_the_label(head: str) -> None:
    raw = _utf8_with_latin1_runs(DE, 20, head)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    decoded = decode_html(raw)
    assert decoded.charset == "utf-8"
    assert decoded.text.count(DE) == 20  # every accented letter right, none garbled
    # One bad sequence per snippet, two in Grüße (ü and ß, each a bad lead byte).
    assert decoded.replaced == 20 + 20 // len(LATIN1_SNIPPETS)
    assert decoded.provenance == (("charset", f"{decoded.source}, {decoded.replaced} invalid "
                                              "byte sequences replaced"),)


def test_the_http_label_windows_1250_loses_to_damaged_utf8() -> None:
    raw = _utf8_with_latin1_runs(DE, 12)
    decoded = decode_html(raw, http_charset="windows-1250")
    assert (decoded.charset, decoded.source) == ("utf-8", "detected")
    assert "Straßenbahn fährt" in decoded.text and "Straßenbahn fĂ¤hrt" not in decoded.text


def test_chinese_utf8_with_stray_bytes_labelled_gbk_is_utf8() -> None:
    # Two stray bytes and a character cut short (its last byte lost): three bad sequences.
    paragraphs = [ZH.encode() + b"\xff\xfe" + ZH.encode()[:-1] for _ in range(15)]
    decoded = decode_html(_page(paragraphs, '<meta charset="gbk">'))
    assert decoded.charset == "utf-8"
    assert decoded.text.count(ZH) == 15
    assert decoded.replaced == 45


def test_clean_pages_note_nothing() -> None:
    decoded = decode_html(_page([DE.encode()] * 3))
    assert (decoded.charset, decoded.replaced, decoded.provenance) == ("utf-8", 0, ())


def test_extract_keeps_the_text_and_notes_the_replacement() -> None:
    article = extract(_utf8_with_latin1_runs(DE, 10), "https://example.de/news/1")
    assert "Die Straßenbahn fährt wieder über die Brücke" in article.text
    assert article.extraction.charset == "utf-8"
    assert dict(article.extraction.provenance)["charset"] == (
        "detected, 12 invalid byte sequences replaced")


def _junk(n: int) -> bytes:
    """High bytes with letters between them: text in no charset (a deterministic LCG)."""
    out, state = bytearray(), 12345
    for _ in range(n):
        state = (state * 1103515245 + 12345) % 2**31
        out.append(0x80 + state % 0x80 if state & 0x10000 else 0x61 + state % 26)
    return bytes(out)


@pytest.mark.parametrize("head", ["", '<meta charset="utf-8">', '<meta charset="windows-1252">'])
def test_bytes_that_are_text_in_no_charset_are_reported(head: str) -> None:
    raw = _page([_junk(3000)], head)
    with pytest.raises(DecodingFailed) as failure:
        decode_html(raw, url="https://example.org/junk")
    assert failure.value.reason == "decoding_failed"
    assert "non-ASCII bytes are text neither in the declared charset" in str(failure.value)
    with pytest.raises(DecodingFailed):
        extract(raw, "https://example.org/junk")


def test_utf8_mixed_half_and_half_with_junk_is_reported_not_read_as_windows_1250() -> None:
    # 40% of the high bytes are good UTF-8: a single-byte reading garbles that 40%, a UTF-8
    # reading replaces the other 60%. Neither is the page's text.
    good = (DE * 2).encode()
    high_good = sum(b >= 0x80 for b in good)
    junk = bytes([0xE9, 0x41]) * (high_good * 3 // 2)  # é + 'A' in windows-1252: invalid UTF-8
    raw = _page([good, junk], '<meta charset="windows-1250">')
    with pytest.raises(DecodingFailed):
        decode_html(raw)


def test_a_stray_byte_in_english_text_still_decodes() -> None:
    raw = _page([b"Plain English text with a single stray byte here: \xa0 and nothing else."
                 * 5])
    assert "Plain English text" in decode_html(raw).text


# The cases the crawl's fault site serves, as bytes: they must keep coming out right.
@pytest.mark.parametrize(("raw", "phrase"), [
    (_page([ZH.encode("gbk")] * 4), ZH),  # unlabelled GBK
    (_page([ZH.encode()] * 4).decode().encode("utf-16"), ZH),  # UTF-16 with its BOM
    (_page([DE.encode()] * 4).decode().encode("utf-16-le"), DE),  # UTF-16 without a BOM
    (_page([FR.encode("cp1252")] * 4, '<meta charset="utf-8">'), FR),  # latin-1 called utf-8
    (_page([DE.encode()] * 4, '<meta charset="iso-8859-1">'), DE),  # utf-8 called latin-1
])
def test_charset_faults_still_come_out_right(raw: bytes, phrase: str) -> None:
    decoded = decode_html(raw)
    assert phrase in decoded.text
    assert decoded.replaced == 0
