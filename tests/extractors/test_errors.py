"""Bad input gets a typed error naming the reason, never a crash or an empty record."""

import pytest

from extractors import (
    BinaryInput,
    BodyTooShort,
    ContentError,
    EmptyInput,
    ExtractionError,
    ExtractOptions,
    InputTooLarge,
    NoArticleBody,
    NotHTML,
    TooDeeplyNested,
    extract,
)


@pytest.mark.parametrize(
    ("raw", "error", "reason"),
    [
        (b"", EmptyInput, "empty_input"),
        (b"   \n\t ", EmptyInput, "empty_input"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", BinaryInput, "binary_input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput, "binary_input"),
        (bytes(range(256)) * 20, BinaryInput, "binary_input"),
        (b'{"title": "json, not html"}', NotHTML, "not_html"),
        (b"Just a plain text file with no markup at all.", NotHTML, "not_html"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", ContentError,
         None),
    ],
)
def test_bad_input_raises_typed_error(raw, error, reason):
    with pytest.raises(error) as info:
        extract(raw, "http://example.com/bad")
    if reason is not None:
        assert info.value.reason == reason
    assert "http://example.com/bad" in str(info.value)


def test_oversized_input_is_refused_before_parsing():
    raw = b"<html><body>" + b"<p>word word word</p>" * 1_000_000 + b"</body></html>"
    with pytest.raises(InputTooLarge):
        extract(raw, options=ExtractOptions(max_input_bytes=8 * 1024 * 1024))


def test_deep_nesting_is_refused():
    raw = b"<html><body>" + b"<div>" * 10_000 + b"<p>deep text</p>" + b"</div>" * 10_000
    with pytest.raises(TooDeeplyNested):
        extract(raw)


def test_truncated_document_still_extracts_or_fails_typed():
    page = ("<html><body><article><p>" + "Lorem ipsum dolor sit amet. " * 40 + "</p><p>Second")
    try:
        article = extract(page.encode())
    except ExtractionError:
        return
    assert article.word_count > 100


def test_tiny_body_is_too_short():
    with pytest.raises(BodyTooShort):
        extract(b"<html><body><article><p>Two words.</p></article></body></html>",
                options=ExtractOptions(min_body_words=10))


def test_every_error_is_an_extraction_error():
    for error in (EmptyInput, BinaryInput, NotHTML, InputTooLarge, TooDeeplyNested,
                  NoArticleBody, BodyTooShort):
        assert issubclass(error, ExtractionError)


def test_twenty_megabytes_are_refused_by_size_without_parsing(monkeypatch):
    import extractors.api as api

    def must_not_run(*args, **kwargs):
        raise AssertionError("the page was parsed")

    monkeypatch.setattr(api, "parse_html", must_not_run)
    monkeypatch.setattr(api, "decode_html", must_not_run)
    raw = b"<html><body>" + b"<p>word word word</p>" * 1_000_000  # ~20 MB
    with pytest.raises(InputTooLarge) as info:
        extract(raw, "http://example.com/huge")
    assert info.value.reason == "input_too_large"


def test_ten_thousand_deep_nesting_names_the_limit():
    raw = b"<html><body>" + b"<div>" * 10_000 + b"<p>deep text</p>" + b"</div>" * 10_000
    with pytest.raises(TooDeeplyNested) as info:
        extract(raw, "http://example.com/deep")
    assert "deeper than" in str(info.value)


def test_deep_unclosed_inline_tags_are_refused_too():
    raw = b"<html><body><p>" + b"<b>" * 5_000 + b"bold" * 50 + b"</p></body></html>"
    with pytest.raises(TooDeeplyNested):
        extract(raw)


def test_max_depth_option_is_honoured_below_the_parser_limit():
    page = ("<html><body>" + "<div>" * 60 + "<p>" + "Nested words here. " * 30 + "</p>"
            + "</div>" * 60 + "</body></html>").encode()
    assert extract(page).word_count >= 90
    with pytest.raises(TooDeeplyNested) as info:
        extract(page, options=ExtractOptions(max_depth=40))
    assert "deeper than 40" in str(info.value)


def test_an_xhtml_page_with_an_xml_declaration_parses():
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html xmlns='
            '"http://www.w3.org/1999/xhtml"><body><article><p>' + "Sentence of the story. " * 30
            + "</p></article></body></html>")
    assert "Sentence of the story." in extract(page.encode()).text


@pytest.mark.parametrize("raw", [
    b"<!-- only a comment -->",
    b"<!DOCTYPE html>",
    b"<html><head><title>Only a title</title></head></html>",
    b"<html><body><script>var x = '<p>not text</p>';</script></body></html>",
])
def test_pages_without_text_fail_typed_not_empty(raw):
    with pytest.raises(ExtractionError) as info:
        extract(raw, "http://example.com/empty")
    assert info.value.reason in {"not_html", "parse_error", "no_article_body", "body_too_short",
                                 "empty_input"}


def test_truncated_mid_tag_still_extracts():
    page = ("<html><body><article><p>" + "The river rose overnight. " * 40 + "</p><p>More "
            "about the flood and the town<a hre").encode()
    article = extract(page)
    assert article.text.startswith("The river rose overnight.")


def test_str_input_with_a_lone_surrogate_is_not_a_crash():
    paragraphs = "".join(f"<p>Paragraph {n}: the council approved the budget \ud800 after a "
                         "long debate on Tuesday.</p>" for n in range(5))
    article = extract(f"<html><body><article>{paragraphs}</article></body></html>")
    assert article.word_count > 40 and "Paragraph 4" in article.text
