"""The persistent near-duplicate index: every record gets a group, copies name their original.

A record joins the group of an earlier record with the same content hash (an exact copy) or,
failing that, of its most similar LSH candidate whose estimated Jaccard similarity of
shingles passes ``threshold`` (or whose text contains nearly all of the smaller one: a copy
cut short). Groups never merge, so a ``group_id`` once delivered stays valid. LSH candidates
are always verified against the stored signature, so a band collision costs a comparison,
never a false group.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from extractors import Article
from extractors.lexicon import fold_line

from ..state import DedupEntry, DedupStore
from ..templates.site import site_of
from .originals import choose_original
from .shingles import shingle_hashes
from .signature import LshParams, MinHasher, estimated_jaccard, from_bytes, to_bytes


@dataclass(frozen=True)
class DedupOptions:
    params: LshParams = field(default_factory=LshParams)
    threshold: float = 0.45  # estimated Jaccard of shingle sets for "the same story"
    containment: float = 0.8  # ... or this share of the smaller text inside the larger
    containment_floor: float = 0.3  # ... with at least this Jaccard


@dataclass(frozen=True)
class Assignment:
    record_id: str
    group_id: str
    duplicate_of: str | None  # the original's record id; None when this record is it
    matched: str | None  # the record this one was matched to (None: a new group)
    similarity: float  # estimated Jaccard with ``matched`` (1.0 for an exact copy)
    exact: bool  # same content hash as ``matched``


class NearDupIndex:
    """Assign groups against a :class:`~crawler.state.DedupStore` (persisted by its owner)."""

    def __init__(self, store: DedupStore, options: DedupOptions = DedupOptions()) -> None:
        self.options = options
        self._store = store
        self._hasher = MinHasher(options.params)

    def add(self, record: Article) -> Assignment:
        """Index ``record`` (replacing its previous revision) and assign its group."""
        shingles = shingle_hashes(matching_text(record), record.language)
        return self.add_signed(record, self._hasher.signature(shingles), len(shingles))

    def add_signed(self, record: Article, signature: np.ndarray, size: int) -> Assignment:
        """:meth:`add` for a record whose MinHash ``signature`` (of ``size`` shingles) is
        known already (benchmarks, or a signature computed off the reactor thread)."""
        previous = self._store.get(record.id)
        if previous is not None:
            self._store.remove(previous, self._hasher.band_keys(from_bytes(previous.signature)))
        keys = self._hasher.band_keys(signature)
        matched, similarity, exact = self._match(record, signature, size, keys)
        if matched is not None:
            group_id = matched.group_id
        else:
            group_id = previous.group_id if previous is not None else record.id
        self._store.add(_entry(record, group_id, size, signature), keys)
        if previous is not None and previous.group_id != group_id:
            self._settle_if_any(previous.group_id)  # it may have been that group's original
        if matched is None and previous is None:
            original = record.id  # a new group of one: nothing to judge (the common case)
        else:
            original = self.settle_original(group_id)
        return Assignment(
            record_id=record.id,
            group_id=group_id,
            duplicate_of=original if original != record.id else None,
            matched=matched.record_id if matched is not None else None,
            similarity=similarity,
            exact=exact,
        )

    def settle_original(self, group_id: str) -> str:
        """Judge the group's original from all its members now, remember and return it."""
        original = choose_original(self._store.members(group_id)).record_id
        if self._store.group_original(group_id) != original:
            self._store.set_group_original(group_id, original)
        return original

    def _settle_if_any(self, group_id: str) -> None:
        if self._store.members(group_id):
            self.settle_original(group_id)

    def original_of(self, group_id: str) -> str:
        """The group's original (a group of one, never judged, is its only member)."""
        return self._store.group_original(group_id) or group_id

    def _match(self, record: Article, signature: np.ndarray, size: int,
               keys: list[int]) -> tuple[DedupEntry | None, float, bool]:
        exact = self._store.by_content_hash(record.content_hash, record.id)
        if exact is not None:
            return exact, 1.0, True
        best: DedupEntry | None = None
        best_similarity = 0.0
        for candidate in self._store.candidates(keys, record.id):
            similarity = estimated_jaccard(signature, from_bytes(candidate.signature))
            if similarity > best_similarity and self._same_story(similarity, size,
                                                                 candidate.shingles):
                best, best_similarity = candidate, similarity
        return best, best_similarity, False

    def _same_story(self, jaccard: float, size_a: int, size_b: int) -> bool:
        if jaccard >= self.options.threshold:
            return True
        if jaccard < self.options.containment_floor or min(size_a, size_b) == 0:
            return False
        # |A ∩ B| = J (|A| + |B|) / (1 + J); containment of the smaller set in the larger.
        shared = jaccard * (size_a + size_b) / (1.0 + jaccard)
        return shared / min(size_a, size_b) >= self.options.containment


def matching_text(record: Article) -> str:
    """The text compared between records: the body without the headline, which copies
    rewrite freely (extraction keeps an in-body <h1> as the first line)."""
    if not record.title:
        return record.text
    title = fold_line(record.title)
    return "\n".join(line for line in record.text.split("\n") if fold_line(line) != title)


def _entry(record: Article, group_id: str, shingles: int, signature: np.ndarray) -> DedupEntry:
    return DedupEntry(
        record_id=record.id,
        group_id=group_id,
        content_hash=record.content_hash,
        site=site_of(record),
        site_name=record.site_name,
        original_source=record.original_source,
        published_at=record.published_at,
        shingles=shingles,
        signature=to_bytes(signature),
    )
