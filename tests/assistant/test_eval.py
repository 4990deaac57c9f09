"""The offline interpreter meets its targets on the shared SLURP development set, scored by
the shared scorer through the real ``taskmate parse`` command."""

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.db_backends import missing

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
SCORER = EVAL / "score.py"
DEVEL = EVAL / "slurp-devel.jsonl"
FIGURES = {
    "intent": (r"intent accuracy ([\d.]+)% on task utterances", 90.0),
    "out of scope": (r"([\d.]+)% of out-of-scope left alone", 95.0),
    "title": (r"title coverage\s+\d+/\d+\s+([\d.]+)%", 85.0),
    "due": (r"due date present\s+\d+/\d+\s+([\d.]+)%", 90.0),
}


def test_devel_set_targets() -> None:
    if not (SCORER.is_file() and DEVEL.is_file()):
        missing(f"the shared evaluation is not at {EVAL}")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    result = subprocess.run(
        [sys.executable, str(SCORER), str(DEVEL)],
        cwd=ROOT,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    for name, (pattern, target) in FIGURES.items():
        found = re.search(pattern, result.stdout)
        assert found is not None, f"no {name} figure in the scorer's report:\n{report}"
        assert float(found.group(1)) >= target, f"{name} below {target}%:\n{report}"
