"""The offline interpreter meets its targets on both shared development sets, scored by the
shared scorer through the real ``taskmate parse`` command.

The intent model trains on these sets, so these are training-set figures: they guard against
regressions. ``taskmate nlu evaluate`` gives the cross-validated ones (see the README)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.db_backends import missing

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
SCORER = EVAL / "score.py"
INTENT = r"intent accuracy ([\d.]+)% on task utterances"
LEFT_ALONE = r"([\d.]+)% of out-of-scope left alone"
CHANGED = r"out-of-scope read as a change\s+\d+/\d+\s+([\d.]+)%"
AT_LEAST = {
    "slurp-devel.jsonl": {
        INTENT: 92.0,
        LEFT_ALONE: 97.0,
        r"title coverage\s+\d+/\d+\s+([\d.]+)%": 85.0,
        r"due date present\s+\d+/\d+\s+([\d.]+)%": 90.0,
    },
    "clinc150-train.jsonl": {INTENT: 96.0, LEFT_ALONE: 97.0},
}
AT_MOST = {CHANGED: 0.5}


@pytest.mark.parametrize("name", sorted(AT_LEAST))
def test_development_set_targets(name: str) -> None:
    data = EVAL / name
    if not (SCORER.is_file() and data.is_file()):
        missing(f"the shared evaluation is not at {EVAL}")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    result = subprocess.run(
        [sys.executable, str(SCORER), str(data)],
        cwd=ROOT,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    for pattern, target in [*AT_LEAST[name].items(), *AT_MOST.items()]:
        found = re.search(pattern, result.stdout)
        assert found is not None, f"no {pattern!r} figure in the scorer's report:\n{report}"
        value = float(found.group(1))
        assert value <= target if pattern in AT_MOST else value >= target, report
