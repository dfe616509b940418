"""`extract`: HTML bytes and a URL in, an :class:`Article` or a typed error out."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version

from w3lib.url import canonicalize_url

from .attribution import attribution_provenance, find_original_source
from .body import extract_body
from .decoding import decode_html
from .errors import BodyTooShort, NoArticleBody
from .guards import check_input, check_markup
from .language import detect_language
from .lexicon import DEFAULT_LEXICON, Lexicon
from .lint import clutter_lint
from .metadata import extract_page_metadata
from .options import ExtractOptions
from .parsing import parse_html
from .record import Article, ExtractionInfo, RemovedText

_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class LanguagePending:
    """An extracted article whose language is still to be detected: what
    :func:`extract_without_language` gives and :func:`with_language` completes.

    The split lets a multi-process crawl hold the language model (~54 MB) in one process
    instead of in every extraction worker."""

    article: Article  # ``language`` None; no language entry in its provenance yet
    hint: str | None  # the caller's language hint (ExtractOptions.language_hint)
    page_language: str | None  # what the page declares (<html lang> and the like)
    provenance_at: int  # where the language's entry goes in the extraction's provenance


def extract(html: bytes | str, url: str | None = None, *,
            options: ExtractOptions | None = None,
            lexicon: Lexicon | None = None) -> Article:
    """Extract one article from ``html``. Raises :class:`extractors.errors.ExtractionError`."""
    return with_language(extract_without_language(html, url, options=options, lexicon=lexicon))


def with_language(pending: LanguagePending) -> Article:
    """The article of ``pending`` with its language detected: what :func:`extract` gives."""
    article = pending.article
    guess = detect_language(article.text, pending.hint, pending.page_language, article.title)
    provenance = article.extraction.provenance
    at = pending.provenance_at
    info = replace(article.extraction,
                   provenance=provenance[:at] + guess.provenance + provenance[at:])
    return replace(article, language=guess.code, extraction=info)


def extract_without_language(html: bytes | str, url: str | None = None, *,
                             options: ExtractOptions | None = None,
                             lexicon: Lexicon | None = None) -> LanguagePending:
    """All of :func:`extract` but the language detection (see :class:`LanguagePending`).
    Raises :class:`extractors.errors.ExtractionError` as extract does."""
    options = options or ExtractOptions()
    lexicon = _site_lexicon(lexicon or DEFAULT_LEXICON, options)
    raw = html.encode("utf-8", errors="replace") if isinstance(html, str) else bytes(html)
    check_input(raw, options, url)
    decoded = decode_html(raw, options.http_charset, url)
    check_markup(decoded.text, url)
    tree = parse_html(decoded.text, options.max_depth, url, utf8=decoded.utf8)
    meta = extract_page_metadata(tree, url)
    # the metadata's walk of the page, made before extract_body changes the tree
    body = extract_body(tree, url, options, lexicon, scan=meta.page_scan)
    if body is None or not body.text.strip():
        raise NoArticleBody("no article body found on the page", url=url)
    # A credit line a clutter rule took out of the body ("Republished with permission from
    # X" reads like a site statement) still names the source: it is looked at as a page line.
    taken_out = tuple(r.text for r in body.removed if r.rule.startswith("lexicon:"))
    attribution = find_original_source(body.text, body.markdown, meta.meta_lines + taken_out,
                                       meta.tagged_outlets, known_credits=meta.line_credits)
    text = attribution.text
    markdown = attribution.markdown
    words = count_words(text)
    if words < options.min_body_words:
        raise BodyTooShort(f"{words} words, under {options.min_body_words}", url=url)
    removed = body.removed + tuple(
        RemovedText("attribution:credit_line", line) for line in attribution.removed_lines
    )
    canonical = meta.canonical_url or url
    info = ExtractionInfo(
        versions=_VERSIONS,
        rules_fired=tuple(sorted({r.rule for r in removed})),
        removed=removed,
        clutter_lint=clutter_lint(text, lexicon),
        provenance=meta.provenance + attribution_provenance(attribution) + decoded.provenance,
        charset=decoded.charset,
        charset_source=decoded.source,
        confidence=min(1.0, words / 150),
    )
    article = Article(
        id=record_id(canonical, text),
        url=url,
        canonical_url=canonical,
        title=meta.title,
        text=text,
        markdown=markdown,
        word_count=words,
        content_hash=content_hash(text),
        authors=meta.authors,
        published_at=meta.published_at,
        published_raw=meta.published_raw,
        modified_at=meta.modified_at,
        site_name=meta.site_name,
        original_source=attribution.original_source,
        description=meta.description,
        extraction=info,
    )
    return LanguagePending(article, options.language_hint, meta.page_language,
                           provenance_at=len(meta.provenance))


def count_words(text: str) -> int:
    """Words, with each CJK character counted as one."""
    return len(_WORD.findall(text))


def content_hash(text: str) -> str:
    # split/join folds the same whitespace as re's \s+ and strip() (str.isspace), faster.
    return hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()


def record_id(canonical_url: str | None, text: str) -> str:
    key = canonicalize_url(canonical_url) if canonical_url else "hash:" + content_hash(text)
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


def _site_lexicon(lexicon: Lexicon, options: ExtractOptions) -> Lexicon:
    rules = options.site_rules
    lexicon = lexicon.with_phrases(f"site:{rules.name or 'rules'}:lines", rules.drop_lines)
    return lexicon.remembering()  # this page's verdicts, for the lint


def _versions() -> tuple[tuple[str, str], ...]:
    pairs = []
    for package in ("thresher", "trafilatura", "lxml"):
        try:
            pairs.append((package, version(package)))
        except PackageNotFoundError:
            pairs.append((package, "unknown"))
    return tuple(pairs)


# Read once at import: importlib.metadata scans site-packages on every call (~1 ms each),
# and the installed versions cannot change under a running process. An immutable tuple.
_VERSIONS: tuple[tuple[str, str], ...] = _versions()
