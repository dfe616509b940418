"""MinHash signatures of shingle-hash arrays, and their LSH band keys.

The signature is datasketch's ``affine32`` MinHash (identity hash function) computed here in
numpy, bit for bit (tests/crawler/test_dedup_signature.py checks it against datasketch):
each shingle hash is pre-mixed with the MurmurHash3 finalizer, then permuted by
``a * h + b mod 2**32`` with odd ``a``; the signature is the minimum per permutation.
Importing datasketch would pull in scipy (about 60 MB and 0.7 s in every crawl process), so
only :meth:`MinHasher.minhash`, which returns datasketch's object for baselines, imports it.
The permutations are drawn once per :class:`MinHasher`, not per record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import LeanMinHash

SCHEME = "affine32"
DEFAULT_NUM_PERM = 128
DEFAULT_BANDS = 32  # 32 bands x 4 rows: a pair with Jaccard 0.6 is a candidate 98.8% of the time
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)
_ROW_MIX = np.uint64(0xC2B2AE3D27D4EB4F)
# Odd multipliers, one per row of a band (so rows are not interchangeable); up to 64 rows.
_ROW_WEIGHTS = (np.arange(1, 129, 2, dtype=np.uint64) * np.uint64(0x9FB21C651E98DF25)
                | np.uint64(1))


_EMPTY = np.uint32(0xFFFFFFFF)  # the value of every permutation for an empty set
_CHUNK = 4096  # shingles per step: bounds the (shingles x permutations) temporary array


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (datasketch's pre-mix), wrapping in uint32."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def affine_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutation parameters for ``seed``: odd ``a``, any ``b``."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


@dataclass(frozen=True)
class LshParams:
    num_perm: int = DEFAULT_NUM_PERM
    bands: int = DEFAULT_BANDS
    seed: int = 1

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    def __post_init__(self) -> None:
        if self.bands < 1 or self.num_perm % self.bands:
            raise ValueError(f"num_perm {self.num_perm} is not a multiple of bands {self.bands}")


class MinHasher:
    """Signatures and band keys for one parameter set (reuse it: it holds the permutations)."""

    def __init__(self, params: LshParams = LshParams()) -> None:
        self.params = params
        self._a, self._b = affine_permutations(params.num_perm, params.seed)
        self._band_salt = np.arange(params.bands, dtype=np.uint64) * _BAND_MIX

    def minhash(self, shingles: np.ndarray) -> LeanMinHash:
        """The datasketch MinHash of a set of uint32 shingle hashes (for baselines that use
        datasketch's own index; the crawl uses :meth:`signature`)."""
        from datasketch import LeanMinHash

        return LeanMinHash(seed=self.params.seed, hashvalues=self.signature(shingles),
                           scheme=SCHEME)

    def signature(self, shingles: np.ndarray) -> np.ndarray:
        """The MinHash values (uint32, one per permutation) of a set of shingle hashes."""
        signature = np.full(self.params.num_perm, _EMPTY, dtype=np.uint32)
        mixed = _fmix32(np.asarray(shingles, dtype=np.uint32))
        for start in range(0, len(mixed), _CHUNK):
            chunk = mixed[start:start + _CHUNK].reshape(-1, 1)
            np.minimum(signature, (chunk * self._a + self._b).min(axis=0), out=signature)
        return signature

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One signed 64-bit key per band: the band's rows and its number, mixed."""
        rows = signature.astype(np.uint64).reshape(self.params.bands, self.params.rows)
        keys = (rows * _ROW_WEIGHTS[: self.params.rows]).sum(axis=1, dtype=np.uint64)
        keys ^= self._band_salt
        keys ^= keys >> np.uint64(31)
        keys *= _ROW_MIX
        keys ^= keys >> np.uint64(33)
        return keys.view(np.int64).tolist()


def to_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)
