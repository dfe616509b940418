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
