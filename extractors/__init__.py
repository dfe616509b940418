"""Thresher's pure extraction library: HTML bytes and a URL in, an Article or a typed error out.

No Scrapy, no I/O beyond reading its own packaged data at import, no module-level mutable
state (``tests/extractors/test_purity.py`` enforces it).
"""

from .api import (
    LanguagePending,
    content_hash,
    count_words,
    extract,
    extract_without_language,
    record_id,
    with_language,
)
from .errors import (
    BinaryInput,
    BodyTooShort,
    ContentError,
    DecodingFailed,
    EmptyInput,
    ExtractionError,
    InputError,
    InputTooLarge,
    NoArticleBody,
    NotHTML,
    ParseError,
    TooDeeplyNested,
)
from .lexicon import DEFAULT_LEXICON, Lexicon, load_lexicon
from .options import ExtractOptions, SiteRules
from .record import SCHEMA_VERSION, Article, ExtractionInfo, RemovedText

__all__ = [
    "DEFAULT_LEXICON",
    "SCHEMA_VERSION",
    "Article",
    "BinaryInput",
    "BodyTooShort",
    "ContentError",
    "DecodingFailed",
    "EmptyInput",
    "ExtractOptions",
    "ExtractionError",
    "ExtractionInfo",
    "InputError",
    "InputTooLarge",
    "LanguagePending",
    "Lexicon",
    "NoArticleBody",
    "NotHTML",
    "ParseError",
    "RemovedText",
    "SiteRules",
    "TooDeeplyNested",
    "content_hash",
    "count_words",
    "extract",
    "extract_without_language",
    "load_lexicon",
    "record_id",
    "with_language",
]
