"""Language of the body text, detected: ``<html lang>`` is often wrong (aggregators copy
stories into an English template), so the page's own claim is only a fallback.

Rule: detect on the title and the body (py3langid). Chinese is ``zh`` (text in Han
characters without kana is Chinese, whatever a short-text model says). When the text is
too short or the model unsure, fall back to the caller's ``language_hint`` (explicit
knowledge about the source), then to the page's ``<html lang>``, else ``None``.

Memory: py3langid keeps its byte automaton as 32-bit next states (39 MB) and its feature
tables in Python lists, about 75 MB in every extraction worker. The same model is read here
into :class:`_CompactModel`: next states as 16 low bits plus one high bit each (the automaton
has fewer than 2**17 states: 21 MB), tables as arrays, 50 MB in all, with the very scores
py3langid computes (a test compares every rank). The automaton is read in slices, so loading
never holds two copies of it. A model of another layout falls back to py3langid itself.
The automaton is walked over all bytes of the sample at once, in numpy rounds (see
:meth:`_CompactModel._states`), not byte by byte in Python: the same states, 4x faster.
"""

from __future__ import annotations

import functools
import lzma
import math
import re
import shutil
import tempfile
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from operator import itemgetter
from typing import BinaryIO

import numpy as np
import py3langid

MIN_CHARS = 40  # shorter text is not worth a guess (CJK characters count three)
MIN_CONFIDENCE = 0.60  # normalised probability of the best language
_SAMPLE_CHARS = 1500  # plenty to tell five languages apart; the cost grows with length
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_DENSE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_LETTER = re.compile(r"[^\W\d_]")
_CODE = re.compile(r"^([a-z]{2})(?:[-_].*)?$")


@dataclass(frozen=True)
class LanguageGuess:
    code: str | None  # ISO 639-1
    source: str | None  # "detected" | "hint" | "html_lang"

    @property
    def provenance(self) -> tuple[tuple[str, str], ...]:
        return (("language", self.source),) if self.source else ()


def detect_language(text: str, hint: str | None = None, page_language: str | None = None,
                    title: str | None = None) -> LanguageGuess:
    """ISO 639-1 code of ``text`` (see the module docstring for the fallbacks)."""
    sample = f"{title or ''}\n{text[:_SAMPLE_CHARS]}".strip()
    script = _by_script(sample)
    if script:
        return LanguageGuess(script, "detected")
    if _weight(sample) >= MIN_CHARS:
        code, confidence = _classify(sample)
        # py3langid 0.4 also knows languages with no ISO 639-1 code ("fuv", "zxx", "yue"):
        # the record promises a two-letter code, so those fall through to the hints / null.
        if code and len(code) == 2 and confidence >= MIN_CONFIDENCE:
            return LanguageGuess(code, "detected")
    for value, source in ((hint, "hint"), (page_language, "html_lang")):
        code = _iso_639_1(value)
        if code:
            return LanguageGuess(code, source)
    return LanguageGuess(None, None)


def _weight(sample: str) -> int:
    """Length in Latin-letter terms: one CJK character says about as much as three letters."""
    return len(sample) + 2 * len(_DENSE.findall(sample))


def _by_script(sample: str) -> str | None:
    """Chinese by its script: enough letters, mostly Han characters, no Japanese kana."""
    if _HAN.search(sample) is None:
        return None  # most pages: no need to count their letters (a quarter of the cost)
    letters = len(_LETTER.findall(sample))
    if letters < MIN_CHARS // 2:
        return None
    han = len(_HAN.findall(sample))
    if han >= 0.3 * letters and not _KANA.search(sample) and not _HANGUL.search(sample):
        return "zh"
    return None


def _classify(sample: str) -> tuple[str | None, float]:
    model = _compact_model()
    ranked = model.rank(sample) if model is not None else py3langid.rank(sample)
    if not ranked:
        return None, 0.0
    best_code, best_score = ranked[0]
    total = sum(math.exp(score - best_score) for _code, score in ranked[:10])
    return best_code, 1.0 / total


def _iso_639_1(value: str | None) -> str | None:
    match = _CODE.match((value or "").strip().lower())
    return match.group(1) if match else None


# -- the compact model ---------------------------------------------------------------------

_MODEL_FILE = "data/model.npz.xz"  # py3langid 0.4's packed model (an .npz inside xz)
_NO_FEATURES = float(np.finfo(np.float32).min)  # py3langid's score when no feature matched
_SLICE = 1 << 20  # automaton cells converted at a time while loading
# Every float16 bit pattern as float32 (256 KB, read-only): a gather from it widens a
# matrix of weights in 2/3 of the time numpy's float16 cast takes, to the same values.
_HALF_TO_SINGLE = np.arange(1 << 16, dtype=np.uint16).view(np.float16).astype(np.float32)
_HALF_TO_SINGLE.flags.writeable = False


@dataclass(frozen=True, eq=False)
class _CompactModel:
    """py3langid's naive Bayes model over byte n-grams (a DFA finds the n-grams)."""

    classes: tuple[str, ...]  # one per column; a repeated label is a script alias (srl, sr)
    feature_weights: np.ndarray  # float16, features x classes: log P(feature | class)
    class_weights: np.ndarray  # float32, classes: log P(class)
    next_low: np.ndarray  # uint16: low 16 bits of the next state, per (row, byte) cell
    next_high: np.ndarray  # uint8: bit 16 of the next state, one bit per cell
    row_start: np.ndarray  # int32: first cell of each state's row (row index * 256)
    state_feature: np.ndarray  # int32: the feature a state completes, or -1
    start_row: np.ndarray = field(init=False, repr=False)  # int64: next(0, byte), per byte
    labels: tuple[tuple[str, int], ...] = field(init=False, repr=False)  # (label, 1st column)
    aliases: tuple[tuple[int, int], ...] = field(init=False, repr=False)  # (1st, later column)

    def __post_init__(self) -> None:
        object.__setattr__(self, "start_row",
                           self._next_states(np.zeros(256, np.intp), np.arange(256)))
        first: dict[str, int] = {}
        aliases = tuple((first[label], column) for column, label in enumerate(self.classes)
                        if first.setdefault(label, column) != column)
        object.__setattr__(self, "labels", tuple(first.items()))
        object.__setattr__(self, "aliases", aliases)

    def rank(self, text: str) -> list[tuple[str, float]]:
        """Every label by score, best first: what ``py3langid.rank`` returns."""
        found, times = self._features(_utf8(text))
        if found.size:
            # py3langid's very sum (float32 counts times float16 weights made float32,
            # features in the order the text first shows them): a float32 sum in another
            # order may round apart. The weights are widened by table, not by a cast.
            weights = _HALF_TO_SINGLE.take(self.feature_weights[found].view(np.uint16))
            scores = (np.log1p(times.astype(np.float32)) @ weights
                      + self.class_weights).tolist()
        else:
            scores = [_NO_FEATURES] * len(self.classes)
        for first, alias in self.aliases:  # a label's score is its best column's
            scores[first] = max(scores[first], scores[alias])
        return sorted(((label, scores[column]) for label, column in self.labels),
                      key=itemgetter(1), reverse=True)

    def _feature_counts(self, data: bytes) -> Counter[int]:
        found, times = self._features(data)
        return Counter(dict(zip(found.tolist(), times.tolist(), strict=True)))

    def _features(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        """The features the walk over ``data`` completes, each once in the order of its first
        completion (py3langid's Counter order), and how many times each was completed."""
        completed = self.state_feature[self._states(data)]
        completed = completed[completed >= 0]
        # np.unique(return_index=True, return_counts=True), spelt out (its wrapper costs as
        # much as the work here), with one plain sort of (feature, position) keys.
        size = completed.size
        features, positions = np.divmod(np.sort(completed.astype(np.int64) * size
                                                 + np.arange(size)), size)
        starts = np.flatnonzero(features[1:] != features[:-1]) + 1
        if size:
            starts = np.concatenate(([0], starts))
        times = np.diff(np.append(starts, size))
        first_seen = np.argsort(positions[starts])  # a feature's first position leads its run
        return features[starts][first_seen], times[first_seen]

    def _states(self, data: bytes) -> np.ndarray:
        """The automaton's state after each byte of ``data``, as a walk from state 0 gives.

        The walk, ``state[i] = next(state[i - 1], byte[i])``, costs half a microsecond a
        byte in Python; it is solved here for all positions at once instead. Every position
        starts as if the text began there (the state 0 leads to on its byte); each round
        recomputes, from its predecessor, every position whose predecessor has changed, and
        the rounds end when none changes. The states then satisfy the walk's recurrence at
        every position, with ``state[0]`` right, so they are the walk's states. Each round
        settles at least one more position, and an n-gram automaton forgets bytes further
        back than its longest n-gram, so a few rounds settle a whole text.
        """
        codes = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
        states = self.start_row[codes]
        dirty = np.flatnonzero(states[:-1]) + 1  # next(0, byte) is right after a state 0
        while dirty.size:
            new = self._next_states(states[dirty - 1], codes[dirty])
            moved = new != states[dirty]
            dirty = dirty[moved]
            states[dirty] = new[moved]
            dirty = dirty[dirty < codes.size - 1] + 1
        return states

    def _next_states(self, states: np.ndarray, codes: np.ndarray) -> np.ndarray:
        cells = self.row_start[states] + codes
        high = (self.next_high[cells >> 3] >> (cells & 7)) & 1
        return self.next_low[cells] | high << 16


def _utf8(text: str) -> bytes:
    """The bytes py3langid classifies: all-caps lowered, NFC, UTF-8."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")


@functools.cache
def _compact_model() -> _CompactModel | None:
    """Loaded once per process, on first use; ``None`` when the packed model has another
    layout (then py3langid classifies with its own copy)."""
    packed = resources.files("py3langid").joinpath(_MODEL_FILE)
    if not packed.is_file():
        return None
    # The .npz needs random access: unpack it to a scratch file first (as py3langid does).
    with tempfile.TemporaryFile(suffix=".npz") as scratch:
        with packed.open("rb") as raw, lzma.open(raw) as source:
            shutil.copyfileobj(source, scratch, length=1 << 20)
        scratch.seek(0)
        with np.load(scratch, allow_pickle=False) as arrays:
            needed = {"ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat"}
            if not needed <= set(arrays.files):
                return None
            low, high = _split_next_states(arrays.zip.open("nextmove.npy"))
            if low is None:
                return None
            return _CompactModel(
                classes=tuple(arrays["classes"].tolist()),
                feature_weights=arrays["ptc"], class_weights=arrays["pc"],
                next_low=np.frombuffer(low, dtype=np.uint16),
                next_high=np.frombuffer(high, dtype=np.uint8),
                row_start=arrays["nextmove_row"].astype(np.int32) << 8,
                state_feature=arrays["out_feat"].astype(np.int32))


def _split_next_states(member: BinaryIO) -> tuple[array | None, bytes]:
    """The automaton's 32-bit next states as 16 low bits and one high bit, read a slice at
    a time (the 32-bit table is never whole in memory)."""
    with member:
        version = np.lib.format.read_magic(member)
        read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                       else np.lib.format.read_array_header_2_0)
        _shape, fortran_order, dtype = read_header(member)
        if fortran_order or dtype != np.dtype("<u4"):
            return None, b""
        low, high = array("H"), bytearray()
        while chunk := member.read(_SLICE * 4):
            states = np.frombuffer(chunk, dtype="<u4")
            if states.size and int(states.max()) >= 1 << 17:
                return None, b""
            low.frombytes(states.astype(np.uint16).tobytes())  # the low 16 bits
            high += np.packbits((states >> 16).astype(bool), bitorder="little").tobytes()
        return low, bytes(high)
