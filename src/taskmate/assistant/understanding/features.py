"""What the intent model sees of a message: a dense part (the rules' signals,
``Signals.values``, after the sentence embedding when the model uses it) and a sparse part
(hashed character and word n-grams).

The n-grams are hashed with CRC-32 into ``SPARSE_SIZE`` buckets, the same at training and
at run time, and weigh 1 each before the sparse part is scaled to unit length. Character
n-grams (3 to 5 characters, inside word boundaries) survive typos ("remidn" shares "rem"
and "dn " with nothing but shares "<re", "rem" with "remind"); words and word pairs carry
the phrasing ("off my").
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from taskmate.assistant.understanding.embedding import embed

Floats = npt.NDArray[np.float32]

SPARSE_BITS = 15
SPARSE_SIZE = 1 << SPARSE_BITS
MODEL_TEXT_LIMIT = 300  # characters: a long paste is judged by how it starts


@dataclass(frozen=True, slots=True)
class Sparse:
    indices: npt.NDArray[np.int64]
    values: npt.NDArray[np.float32]


def model_text(command: str) -> str:
    """The text the model reads: the command without fillers, in lower case."""
    return " ".join(command[:MODEL_TEXT_LIMIT].lower().split())


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode()) & (SPARSE_SIZE - 1)


def ngrams(text: str) -> set[str]:
    words = text.split()
    grams = {f"w:{word}" for word in words}
    grams.update(f"b:{first} {second}" for first, second in itertools.pairwise(words))
    if words:
        grams.add(f"s:{words[0]}")  # the first word: usually the verb
    for word in words:
        padded = f"<{word}>"
        for size in (3, 4, 5):
            grams.update(padded[i : i + size] for i in range(max(1, len(padded) - size + 1)))
    return grams


def sparse(text: str) -> Sparse:
    buckets = np.unique(np.fromiter((_bucket(gram) for gram in ngrams(text)), dtype=np.int64))
    values = np.full(len(buckets), 1 / np.sqrt(max(1, len(buckets))), dtype=np.float32)
    return Sparse(indices=buckets, values=values)


def dense(texts: Sequence[str], signals: Sequence[Sequence[float]], *, embedded: bool) -> Floats:
    """One row per message: the embedding of its model text when ``embedded``, then its
    signals."""
    parts = [np.asarray(signals, dtype=np.float32).reshape(len(texts), -1)]
    if embedded:
        parts.insert(0, embed(texts))
    rows: Floats = np.hstack(parts).astype(np.float32)
    return rows
