"""Write group assignments onto records: streaming (a crawl) and batch (`extract --dedup`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extractors import Article

from .index import Assignment, NearDupIndex


def mark(record: Article, assignment: Assignment) -> Article:
    return replace(record, group_id=assignment.group_id, duplicate_of=assignment.duplicate_of)


def mark_batch(records: Sequence[Article], index: NearDupIndex) -> list[Article]:
    """Group a whole batch, then name each group's original once every member is known.

    In a crawl a record is delivered as it comes, so its ``duplicate_of`` names the original
    as judged from the members seen so far; a batch can wait and judge with all of them.
    """
    assignments = [index.add(record) for record in records]
    originals = {a.group_id: index.original_of(a.group_id) for a in assignments}
    marked = []
    for record, assignment in zip(records, assignments, strict=True):
        original = originals[assignment.group_id]
        duplicate_of = original if original and original != record.id else None
        marked.append(replace(record, group_id=assignment.group_id, duplicate_of=duplicate_of))
    return marked
