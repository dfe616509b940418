"""Near-duplicate groups: MinHash LSH over shingles, persisted in the state store."""

from .index import Assignment, DedupOptions, NearDupIndex
from .marking import mark, mark_batch
from .originals import choose_original
from .shingles import shingle_hashes
from .signature import LshParams, MinHasher

__all__ = [
    "Assignment",
    "DedupOptions",
    "LshParams",
    "MinHasher",
    "NearDupIndex",
    "choose_original",
    "mark",
    "mark_batch",
    "shingle_hashes",
]
