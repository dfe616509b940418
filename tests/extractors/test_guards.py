"""Cheap refusals before parsing: size first, then emptiness, binary data, other formats."""

from __future__ import annotations

import gzip

import pytest

from extractors import BinaryInput, EmptyInput, ExtractOptions, InputTooLarge, NotHTML
from extractors.guards import _is_blank, check_input, check_markup

OPTIONS = ExtractOptions()
URL = "https://example.com/page.html"


def test_size_is_checked_before_anything_else() -> None:
    # 20 MB of NUL bytes: it is binary too, but the size answer comes first (no scan needed).
    raw = b"\x00" * (20 * 1024 * 1024)
    with pytest.raises(InputTooLarge) as info:
        check_input(raw, OPTIONS, URL)
    assert str(raw.__len__()) in str(info.value) and URL in str(info.value)


def test_the_size_limit_is_an_option() -> None:
    small = ExtractOptions(max_input_bytes=100)
    check_input(b"<p>" + b"x" * 90 + b"</p>", small)
    with pytest.raises(InputTooLarge):
        check_input(b"<p>" + b"x" * 100 + b"</p>", small)


@pytest.mark.parametrize("raw", [b"", b" \n\t\r ", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n",
                                 "  \n".encode("utf-16")])
def test_empty_documents(raw: bytes) -> None:
    with pytest.raises(EmptyInput):
        check_input(raw, OPTIONS, URL)


@pytest.mark.parametrize(("raw", "kind"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (gzip.compress(b"<html><body><p>compressed twice</p></body></html>"), "gzip"),
    (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
    (b"\n\n  GIF89a\x01\x00", "GIF"),
])
def test_known_binary_signatures_are_named(raw: bytes, kind: str) -> None:
    with pytest.raises(BinaryInput) as info:
        check_input(raw, OPTIONS, URL)
    assert kind in str(info.value)


def test_nul_bytes_mean_binary_unless_the_text_is_utf16() -> None:
    with pytest.raises(BinaryInput):
        check_input(b"<html>\x00\x01\x02 binary \x00 junk</html>", OPTIONS, URL)
    markup = "<html><body><p>Zeitung für alle</p></body></html>"
    check_input(markup.encode("utf-16-le"), OPTIONS, URL)  # no BOM, NULs on one side
    check_input(markup.encode("utf-16"), OPTIONS, URL)


def test_many_control_bytes_mean_binary() -> None:
    with pytest.raises(BinaryInput):
        check_input(bytes(range(1, 32)) * 50 + b"<p>text</p>", OPTIONS, URL)


@pytest.mark.parametrize(("text", "named"), [
    ('{"title": "json, not html", "body": "<p>inside a string</p>"}', "JSON"),
    ('[{"id": 1}]', "JSON"),
    ('<?xml version="1.0"?><rss version="2.0"><channel><item><description>&lt;p&gt;x'
     "</description></item></channel></rss>", "rss"),
    ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>', "feed"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><title>t</title><text>x</text></svg>', "svg"),
    ("Just a plain text file. It has sentences, but no markup at all.", "markup"),
])
def test_other_formats_are_not_html(text: str, named: str) -> None:
    with pytest.raises(NotHTML) as info:
        check_markup(text, URL)
    assert named in str(info.value)


@pytest.mark.parametrize("text", [
    "<html><body><p>ok</p></body></html>",
    "<P>Upper-case fragment without html or body</P>",
    "<!DOCTYPE html>\n<!-- comment --><html><head><title>t</title></head></html>",
    "<div>text<br>more text",
])
def test_html_and_fragments_pass(text: str) -> None:
    check_markup(text, URL)


def test_empty_once_decoded() -> None:
    with pytest.raises(EmptyInput):
        check_markup("\ufeff \n ", URL)


def test_an_unparseable_url_is_refused_by_name() -> None:
    from extractors import InputError

    with pytest.raises(InputError) as info:
        check_input(b"<p>text</p>", OPTIONS, "http://[::1/broken")
    assert "URL" in str(info.value)
    check_input(b"<p>text</p>", OPTIONS, "not even a url")  # odd but splittable: fine


@pytest.mark.parametrize("raw", [b"", b" ", b" \t\n\r\x0b\x0c", b"\x00", b" a ", b"\xa0", b"\x1c",
                                 b"\x85", b"\n\n<p>x</p>\n"])
def test_blank_test_reads_whitespace_as_strip_does(raw: bytes):
    assert _is_blank(raw) == (not raw.strip())
