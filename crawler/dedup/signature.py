"""MinHash signatures (datasketch) of shingle-hash arrays, and their LSH band keys.

The shingles are hashed already (``shingles.py``), so datasketch gets an identity hash
function and applies its own avalanche pre-mix and affine permutations in one vectorised
``update_batch`` call. The permutations are drawn once per :class:`MinHasher`, not per record.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash

SCHEME = "affine32"
DEFAULT_NUM_PERM = 128
DEFAULT_BANDS = 32  # 32 bands x 4 rows: a pair with Jaccard 0.6 is a candidate 98.8% of the time
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)
_ROW_MIX = np.uint64(0xC2B2AE3D27D4EB4F)
# Odd multipliers, one per row of a band (so rows are not interchangeable); up to 64 rows.
_ROW_WEIGHTS = (np.arange(1, 129, 2, dtype=np.uint64) * np.uint64(0x9FB21C651E98DF25)
                | np.uint64(1))


def _identity(value: int) -> int:
    return value


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
        self._template = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=SCHEME,
                                 hashfunc=_identity)
        self._band_salt = np.arange(params.bands, dtype=np.uint64) * _BAND_MIX

    def minhash(self, shingles: np.ndarray) -> LeanMinHash:
        """The MinHash of a set of uint32 shingle hashes."""
        sketch = MinHash(num_perm=self.params.num_perm, seed=self.params.seed, scheme=SCHEME,
                         hashfunc=_identity, permutations=self._template.permutations)
        sketch.update_batch(shingles.tolist())
        return LeanMinHash(sketch)

    def signature(self, shingles: np.ndarray) -> np.ndarray:
        return self.minhash(shingles).hashvalues.astype(np.uint32)

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
