"""The whole error tree of the extraction library, written out in one place.

Every failure of :func:`extractors.extract` is one of these; callers (the CLI, the
crawler's errors output) key on ``reason``, a short stable slug, and show ``str(err)``.
Each pickles (message and URL only), so it crosses from an extraction worker intact.

    ExtractionError
    ├── InputError                 the bytes are not a usable HTML document
    │   ├── EmptyInput             zero bytes, or only whitespace
    │   ├── InputTooLarge          over ``ExtractOptions.max_input_bytes``
    │   ├── BinaryInput            NUL bytes / a known binary signature (PDF, PNG, ZIP, ...)
    │   ├── NotHTML                text, but no markup at all (plain text, JSON, ...)
    │   └── DecodingFailed         no charset turns the bytes into sane text
    ├── ParseError                 the HTML parser gave up
    │   └── TooDeeplyNested        nesting deeper than ``ExtractOptions.max_depth``
    └── ContentError               parsed fine, but there is no article in it
        ├── NoArticleBody          nothing that looks like an article body
        └── BodyTooShort           a body, but under ``ExtractOptions.min_body_words``
"""

from __future__ import annotations


class ExtractionError(Exception):
    """Base of every error :func:`extractors.extract` raises."""

    reason = "extraction_failed"

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url

    def __str__(self) -> str:
        where = f" [{self.url}]" if self.url else ""
        return f"{self.reason}: {self.message}{where}"

    def __reduce__(self) -> tuple[type[ExtractionError], tuple[str], dict[str, str | None]]:
        # Extraction runs in worker processes: an error must pickle whatever it was raised
        # with. Only the message and URL travel (never a cause, context or parser object).
        return type(self), (self.message,), {"url": self.url}


class InputError(ExtractionError):
    reason = "bad_input"


class EmptyInput(InputError):
    reason = "empty_input"


class InputTooLarge(InputError):
    reason = "input_too_large"


class BinaryInput(InputError):
    reason = "binary_input"


class NotHTML(InputError):
    reason = "not_html"


class DecodingFailed(InputError):
    reason = "decoding_failed"


class ParseError(ExtractionError):
    reason = "parse_error"


class TooDeeplyNested(ParseError):
    reason = "too_deeply_nested"


class ContentError(ExtractionError):
    reason = "no_content"


class NoArticleBody(ContentError):
    reason = "no_article_body"


class BodyTooShort(ContentError):
    reason = "body_too_short"


__all__ = [
    "BinaryInput",
    "BodyTooShort",
    "ContentError",
    "DecodingFailed",
    "EmptyInput",
    "ExtractionError",
    "InputError",
    "InputTooLarge",
    "NoArticleBody",
    "NotHTML",
    "ParseError",
    "TooDeeplyNested",
]
