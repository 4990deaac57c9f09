"""The embedding model loads from its wheel with the network unreachable."""

import subprocess
import sys
import textwrap

import numpy as np

from taskmate.assistant.understanding.embedding import DIMENSIONS, embed, similarities

OFFLINE_LOAD = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from taskmate.assistant.interpreter import interpret
    from taskmate.assistant.understanding.embedding import embed
    from datetime import datetime, timezone

    assert embed(["buy milk"]).shape == (1, 256)
    print(interpret("add buy milk tomorrow", now=datetime.now(timezone.utc)).intent)
    """
)


def test_the_model_loads_and_reads_with_the_network_unreachable() -> None:
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE_LOAD],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "", "HOME": "/nonexistent"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "add_tasks"
    assert "network access attempted" not in result.stderr


def test_embeddings_are_unit_vectors_and_empty_text_is_zero() -> None:
    vectors = embed(["buy milk", "", "call mom"])
    assert vectors.shape == (3, DIMENSIONS)
    norms = np.linalg.norm(vectors, axis=1)
    assert np.allclose(norms[[0, 2]], 1.0, atol=1e-5)
    assert norms[1] == 0.0


def test_similar_meanings_score_higher() -> None:
    scores = similarities("the dentist one", ["Dentist appointment", "buy milk", "call mom"])
    assert scores.argmax() == 0
