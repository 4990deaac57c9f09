"""Sentence embeddings from WordLlama (``l2_supercat``, 256 dimensions), whose weights and
tokenizer ship inside its wheel.

WordLlama's loader looks for the tokenizer beside its own modules and then on the network;
pointing ``cache_dir`` at the package directory with downloads disabled finds both files
there, so loading never touches the network. The model is loaded once per process, and
its table of token vectors is kept as float16: half the memory (16 MB instead of 32), and
averages of a few token vectors lose nothing that matters to cosine similarities.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from wordllama.inference import WordLlamaInference

CONFIG = "l2_supercat"
DIMENSIONS = 256
Vectors = npt.NDArray[np.float32]


@cache
def embedder() -> WordLlamaInference:
    import wordllama  # half a second of imports, paid by the first use only

    package = Path(wordllama.__file__).parent
    model: WordLlamaInference = wordllama.WordLlama.load(
        config=CONFIG, dim=DIMENSIONS, cache_dir=package, disable_download=True
    )
    model.embedding = model.embedding.astype(np.float16)
    return model


def embed(texts: Sequence[str]) -> Vectors:
    """One unit-length row per text (a zero row for a text with no tokens)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(embedder().embed(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: Vectors = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    return unit


def similarities(query: str, texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """The cosine similarity of ``query`` to each of ``texts``."""
    if not texts:
        return np.zeros(0, dtype=np.float32)
    vectors = embed([query, *texts])
    scores: npt.NDArray[np.float32] = vectors[1:] @ vectors[0]
    return scores
