"""Changed-only judgement: new, changed, unchanged; lastmod against the last visit."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crawler.state import PageState
from crawler.state.revisions import CHANGED, NEW, UNCHANGED, judge, key_fields_hash, not_newer
from extractors import Article, content_hash


def _record(text: str = "Body text of the story.", **fields) -> Article:
    return Article(id="r1", url="https://a.example/1", canonical_url=None, title="Title",
                   text=text, markdown=text, word_count=5, content_hash=content_hash(text),
                   published_at="2024-05-01", authors=("Ann Lee",), **fields)


def _state(record: Article, revision: int = 1) -> PageState:
    return PageState(url=record.url, record_id=record.id, revision=revision,
                     content_hash="delivered-" + record.content_hash,
                     extracted_hash=record.content_hash, key_hash=key_fields_hash(record),
                     last_seen="2024-05-02T00:00:00+00:00")


def test_first_visit_is_new_revision_one():
    verdict = judge(_record(), None)
    assert (verdict.kind, verdict.revision, verdict.previous_content_hash) == (NEW, 1, None)


def test_same_body_and_key_fields_is_unchanged():
    record = _record()
    assert judge(record, _state(record, revision=3)).kind == UNCHANGED


@pytest.mark.parametrize("change", [
    {"text": "A different body."},
    {"title": "A new headline"},
    {"published_at": "2024-05-03"},
    {"authors": ("Ann Lee", "Bo Chen")},
])
def test_body_or_key_field_change_is_a_new_revision(change):
    before = _record()
    state = _state(before, revision=2)
    after = replace(before, **change)
    if "text" in change:
        after = replace(after, content_hash=content_hash(change["text"]))
    verdict = judge(after, state)
    assert verdict.kind == CHANGED and verdict.revision == 3
    assert verdict.previous_content_hash == state.content_hash  # the delivered hash


def test_other_fields_do_not_make_a_revision():
    before = _record()
    after = replace(before, description="new teaser", fetched_at="2024-06-01T00:00:00Z")
    assert judge(after, _state(before)).kind == UNCHANGED


@pytest.mark.parametrize(("lastmod", "last_seen", "expected"), [
    ("2024-05-01T10:00:00+00:00", "2024-05-01T12:00:00+00:00", True),
    ("2024-05-01T13:00:00+00:00", "2024-05-01T12:00:00+00:00", False),
    ("2024-05-01T14:00:00+02:00", "2024-05-01T12:00:00Z", True),  # 12:00 UTC: the same
    ("2024-05-01", "2024-05-01T12:00:00+00:00", False),  # a date is the end of that day
    ("2024-05-01", "2024-05-02T00:00:00+00:00", True),
    ("Wed, 01 May 2024 10:00:00 GMT", "2024-05-01T12:00:00+00:00", True),
    ("last tuesday", "2024-05-01T12:00:00+00:00", False),  # unreadable: fetch
    (None, "2024-05-01T12:00:00+00:00", False),
    ("2024-05-01T10:00:00", None, False),
])
def test_not_newer(lastmod, last_seen, expected):
    assert not_newer(lastmod, last_seen) is expected
