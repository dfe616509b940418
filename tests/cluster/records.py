"""Small records and articles for the PostgreSQL store tests."""

from __future__ import annotations

from typing import Any

from extractors import Article, content_hash, count_words, record_id

STORY = [
    "The harbour council in Saltreach voted on Tuesday to close the old ferry pier after "
    "engineers found the timber piles had rotted far faster than the last survey predicted.",
    "Councillor Maren Holloway said the decision was painful but unavoidable, and that the "
    "ferry would use the freight quay until a new pier is built next spring.",
    "About four hundred commuters use the crossing every weekday, most of them nurses and "
    "teachers who work in the towns on the far side of the estuary.",
    "The council has asked the regional transport fund for eleven million to cover the "
    "rebuild, and expects an answer before the end of the summer recess.",
]


def article(url: str, paragraphs: list[str], *, published: str | None = None,
            credits: str | None = None) -> Article:
    text = "\n\n".join(paragraphs)
    return Article(id=record_id(url, text), url=url, canonical_url=url, title=None, text=text,
                   markdown=text, word_count=count_words(text), content_hash=content_hash(text),
                   language="en", original_source=credits, published_at=published)


def record(record_id_: str, body: str, **fields: Any) -> dict[str, Any]:
    """A record dict as the sink gets it (only the fields the sink reads, plus extras)."""
    return {"id": record_id_, "url": f"https://example.com/{record_id_}", "source": "test",
            "fetched_at": "2024-01-01T00:00:00Z", "content_hash": f"hash-{body}",
            "text": body, "group_id": None, "duplicate_of": None, **fields}
