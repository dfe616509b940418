"""The numpy MinHash is datasketch's affine32 MinHash bit for bit (the index is persistent:
signatures written by earlier crawls must keep matching new ones)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from datasketch import MinHash

from crawler.dedup import LshParams, MinHasher, shingle_hashes
from crawler.dedup.signature import SCHEME


def _datasketch_signature(shingles: np.ndarray, params: LshParams) -> np.ndarray:
    sketch = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=SCHEME,
                     hashfunc=lambda value: value)
    sketch.update_batch(shingles.tolist())
    return sketch.hashvalues.astype(np.uint32)


@pytest.mark.parametrize("size", [0, 1, 7, 300, 10_000])
@pytest.mark.parametrize("params", [LshParams(), LshParams(num_perm=64, bands=16, seed=9)])
def test_signature_equals_datasketch(size, params):
    rng = np.random.default_rng(size + params.seed)
    shingles = np.unique(rng.integers(0, 2**32, size, dtype=np.uint64).astype(np.uint32))
    ours = MinHasher(params).signature(shingles)
    assert ours.dtype == np.uint32
    assert np.array_equal(ours, _datasketch_signature(shingles, params))


def test_signature_of_real_text_equals_datasketch():
    text = "The council approved the new budget on Tuesday after a long debate. " * 40
    shingles = shingle_hashes(text + "Then the mayor spoke about the harbour.", "en")
    assert np.array_equal(MinHasher().signature(shingles),
                          _datasketch_signature(shingles, LshParams()))


def test_minhash_for_baselines_is_datasketch_object():
    shingles = np.arange(50, dtype=np.uint32)
    assert np.array_equal(MinHasher().minhash(shingles).hashvalues,
                          _datasketch_signature(shingles, LshParams()))


def test_crawl_side_dedup_does_not_import_datasketch():
    """datasketch imports scipy (~60 MB per process): the crawl's dedup must not load it."""
    code = ("import sys, crawler.dedup, crawler.pipelines.dedup; "
            "print('datasketch' in sys.modules, 'scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False"]
