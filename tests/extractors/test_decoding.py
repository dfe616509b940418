"""Bytes to text with real encoded bytes: declarations are checked against the bytes."""

from __future__ import annotations

import codecs

import pytest

from extractors import ExtractOptions, extract
from extractors.decoding import declared_charset, decode_html, sniff_utf16

ZH = "中国外交部发言人周三表示，双方将继续保持沟通。市议会周二经过长时间辩论后批准了新的预算。"
ZH_HANT = "中華民國外交部發言人週三表示，雙方將繼續保持溝通。市議會週二經過長時間辯論後批准了預算。"
DE = ("Die Bundesregierung hat am Mittwoch beschlossen, dass die Maßnahmen verlängert werden. "
      "Über die Änderungen wird später entschieden. Größere Städte sind betroffen.")
FR = ("L'été dernier, le ministre a déclaré que les élèves français pourraient étudier à "
      "l'étranger. Ça coûte cher, c'est évident, même pour les familles aisées.")
ES = ("El gobierno español anunció el miércoles que la economía crecerá más de lo previsto. "
      "¿Qué pasará después? Año difícil para las pequeñas empresas del sector.")


def _page(body: str, head: str = "") -> str:
    return (f"<html><head>{head}<title>Nachricht</title></head><body><article>"
            f"<p>{body}</p><p>{body}</p><p>{body}</p></article></body></html>")


def _paragraph(text: str) -> str:
    start = text.index("<p>") + 3
    return text[start: text.index("</p>", start)]


@pytest.mark.parametrize("text", [DE, FR, ES], ids=["de", "fr", "es"])
def test_utf8_declared_over_windows_1252_bytes_loses(text: str) -> None:
    raw = _page(text, '<meta charset="utf-8">').encode("cp1252")
    decoded = decode_html(raw)
    assert _paragraph(decoded.text) == text
    assert decoded.charset == "windows-1252"
    assert decoded.source == "detected"


def test_gb2312_declared_over_utf8_bytes_loses() -> None:
    raw = _page(ZH, '<meta charset="gb2312">').encode("utf-8")
    decoded = decode_html(raw)
    assert _paragraph(decoded.text) == ZH
    assert (decoded.charset, decoded.source) == ("utf-8", "detected")


def test_unlabelled_gbk_is_detected() -> None:
    decoded = decode_html(_page(ZH * 2).encode("gbk"))
    assert _paragraph(decoded.text) == ZH * 2
    assert decoded.charset == "gb18030"  # the superset browsers use for gbk/gb2312


def test_latin1_template_over_gbk_bytes_loses() -> None:
    raw = _page(ZH * 2, '<meta charset="iso-8859-1">').encode("gbk")
    assert _paragraph(decode_html(raw).text) == ZH * 2


def test_a_truthful_meta_declaration_is_used() -> None:
    raw = _page(ZH_HANT, '<meta http-equiv="Content-Type" content="text/html; charset=big5">')
    decoded = decode_html(raw.encode("big5"))
    assert _paragraph(decoded.text) == ZH_HANT
    assert (decoded.charset, decoded.source) == ("big5", "meta")


def test_xml_declaration_counts_as_a_declaration() -> None:
    raw = ('<?xml version="1.0" encoding="gbk"?>' + _page(ZH)).encode("gbk")
    assert declared_charset(raw) == "gbk"
    decoded = decode_html(raw)
    assert _paragraph(decoded.text) == ZH and decoded.source == "meta"


def test_http_header_beats_meta_when_the_bytes_agree() -> None:
    raw = _page(ZH, '<meta charset="iso-8859-1">').encode("gbk")
    decoded = decode_html(raw, http_charset="gbk")
    assert _paragraph(decoded.text) == ZH
    assert decoded.source == "http"


def test_a_lying_http_header_loses_to_utf8_bytes() -> None:
    decoded = decode_html(_page(FR).encode("utf-8"), http_charset="iso-8859-1")
    assert _paragraph(decoded.text) == FR
    assert decoded.charset == "utf-8"


@pytest.mark.parametrize(("codec", "text"), [("utf-16", ZH), ("utf-16", DE), ("utf-8-sig", FR),
                                             ("utf-32", ES)])
def test_byte_order_marks_win(codec: str, text: str) -> None:
    raw = _page(text, '<meta charset="windows-1252">').encode(codec)
    decoded = decode_html(raw)
    assert _paragraph(decoded.text) == text
    assert decoded.source == "bom"


@pytest.mark.parametrize(("codec", "text"), [("utf-16-le", DE), ("utf-16-be", ZH),
                                             ("utf-16-le", ES)])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(codec: str, text: str) -> None:
    raw = _page(text).encode(codec)
    assert sniff_utf16(raw) == codec
    decoded = decode_html(raw)
    assert _paragraph(decoded.text) == text
    assert decoded.charset == codec.replace("utf-16-", "utf-16")


def test_meta_utf16_in_an_ascii_compatible_page_means_utf8() -> None:
    decoded = decode_html(_page(DE, '<meta charset="utf-16">').encode("utf-8"))
    assert _paragraph(decoded.text) == DE
    assert decoded.charset == "utf-8"


def test_a_few_invalid_bytes_in_utf8_are_replaced_not_fatal() -> None:
    good = _page(ZH * 3).encode("utf-8")
    damaged = good[:300] + b"\xff\xfe" + good[300:-7]  # stray bytes, truncated end
    decoded = decode_html(damaged)
    assert decoded.charset == "utf-8"
    assert ZH in decoded.text
    assert "\ufffd" in decoded.text


def test_unlabelled_windows_1252_is_not_mistaken_for_central_european() -> None:
    decoded = decode_html(_page(FR * 2).encode("cp1252"))
    assert _paragraph(decoded.text) == FR * 2  # "élèves", not "élčves"


def test_unknown_declared_charset_is_ignored() -> None:
    decoded = decode_html(_page(ES).encode("utf-8"), http_charset="x-no-such-charset")
    assert _paragraph(decoded.text) == ES


def test_extract_records_the_charset_and_its_source() -> None:
    raw = _page(DE * 2, '<meta charset="utf-8">').encode("cp1252")
    article = extract(raw, "https://example.de/a/1.html")
    assert "Größere Städte sind betroffen." in article.text
    assert article.extraction.charset == "windows-1252"
    assert article.extraction.charset_source == "detected"


def test_extract_uses_the_http_charset_option() -> None:
    raw = _page(ZH * 3).encode("gbk")
    article = extract(raw, options=ExtractOptions(http_charset="GBK"))
    assert ZH in article.text
    assert article.extraction.charset_source == "http"


def test_bom_constants_are_what_the_decoder_expects() -> None:
    assert codecs.BOM_UTF16_LE == b"\xff\xfe"  # UTF-32 LE shares it: tested first
    assert decode_html(codecs.BOM_UTF32_LE + _page(DE).encode("utf-32-le")).charset == "utf-32"
