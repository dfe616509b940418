"""A batch of records (`thresher extract --dedup`) through template memory and grouping.

The same steps a crawl applies, in batch form: every site's template lines are learned from
all of its pages in the batch first and then stripped, and groups are judged with every
member known, so ``duplicate_of`` names the original whatever the input order. With a state
file, what earlier batches or crawls learned is used and what this batch learns is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extractors import Article

from ..state import SQLiteStateStore
from ..state.sqlite import MEMORY
from ..templates import TemplateMemory, learn_and_strip
from .index import NearDupIndex
from .marking import mark_batch


def dedup_batch(records: Sequence[dict[str, Any]],
                state_path: Path | None = None) -> list[dict[str, Any]]:
    """``records`` (JSON form) stripped of site templates and marked with their groups."""
    articles = [Article.from_dict(r) for r in records]
    with SQLiteStateStore.open(state_path or MEMORY) as store:
        memory = TemplateMemory(store.templates)
        stripped = learn_and_strip(articles, memory)
        marked = mark_batch(stripped, NearDupIndex(store.dedup))
        memory.save()
        store.commit()
    return [record.to_dict() for record in marked]
