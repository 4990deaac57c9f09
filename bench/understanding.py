"""The offline interpreter's cost with the intent model, beside the cues alone, in a fresh
process: the median and p99 time to read one utterance, the time to load the model (the
embedding model's imports and files, and the head), and the memory it adds.

Utterances come from the repository's training data (CLINC150 and SLURP texts, typed and
spoken); each is read once untimed to warm caches, then timed.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.report import Table

DATA = Path(__file__).parent.parent / "training" / "nlu"
SAMPLE = 2000
PROBE = r"""
import json, random, resource, statistics, sys, time
from datetime import datetime, timezone

def rss_mib():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024

texts = json.loads(sys.stdin.read())
now = datetime(2026, 1, 15, 10, tzinfo=timezone.utc)
import taskmate.app  # what a server process holds before the model loads
from taskmate.assistant.interpreter import interpret
from taskmate.assistant.interpreter.signals import rule_family, signals

def timed(read):
    for text in texts:
        read(text)
    took = []
    for text in texts:
        started = time.perf_counter()
        read(text)
        took.append((time.perf_counter() - started) * 1000)
    took.sort()
    return statistics.median(took), took[int(len(took) * 0.99)]

rules = timed(lambda text: rule_family(signals(text, now=now)))
before = rss_mib()
started = time.perf_counter()
from taskmate.assistant.understanding.embedding import embedder
from taskmate.assistant.understanding.model import intent_model
embedder()
embedding_loaded = time.perf_counter()
intent_model()
loaded = time.perf_counter()
added = rss_mib() - before
model = timed(lambda text: interpret(text, now=now))
print(json.dumps({
    "rules": rules, "model": model, "embedding_load": embedding_loaded - started,
    "head_load": loaded - embedding_loaded, "added_mib": added,
}))
"""


@dataclass(frozen=True, kw_only=True, slots=True)
class Cost:
    rules: tuple[float, float]
    model: tuple[float, float]
    embedding_load: float
    head_load: float
    added_mib: float


def _texts(sample: int) -> list[str]:
    lines = [
        json.loads(line)["text"]
        for name in ("clinc150.jsonl", "slurp-devel.jsonl")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return random.Random(7).sample(lines, min(sample, len(lines)))


def run(sample: int = SAMPLE) -> Cost:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        input=json.dumps(_texts(sample)),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    found = json.loads(result.stdout)
    return Cost(
        rules=(found["rules"][0], found["rules"][1]),
        model=(found["model"][0], found["model"][1]),
        embedding_load=found["embedding_load"],
        head_load=found["head_load"],
        added_mib=found["added_mib"],
    )


def table(cost: Cost, sample: int = SAMPLE) -> Table:
    load = cost.embedding_load + cost.head_load
    return Table(
        title="Offline interpreter: reading one utterance",
        header=[
            "Figure",
            "cues alone (before the model)",
            "with the intent model",
            "target",
            "met",
        ],
        rows=[
            [
                "Time per utterance, median",
                f"{cost.rules[0]:.3f} ms",
                f"{cost.model[0]:.3f} ms ({cost.model[0] / cost.rules[0]:.1f}x)",
                "<= 2 ms",
                "yes" if cost.model[0] <= 2 else "NO",
            ],
            [
                "Time per utterance, p99",
                f"{cost.rules[1]:.3f} ms",
                f"{cost.model[1]:.3f} ms",
                "-",
                "-",
            ],
            [
                "Model load (embeddings + head)",
                "-",
                f"{load:.2f} s ({cost.embedding_load:.2f} + {cost.head_load:.2f})",
                "<= 0.5 s",
                "yes" if load <= 0.5 else "NO",
            ],
            [
                "Memory added by the model (RSS)",
                "-",
                f"{cost.added_mib:.1f} MiB",
                "<= 60 MB",
                "yes" if cost.added_mib * 1.048576 <= 60 else "NO",
            ],
        ],
        notes=[
            f"{sample:,} utterances from CLINC150 and SLURP (typed and spoken), each read once "
            "untimed, then timed; one fresh process.",
            "Cues alone: the rules' signals and decision, without the arguments; with the model: "
            "the whole interpret() call (signals, model, policy, the reader's arguments).",
            "Model load: the intent head, and WordLlama, which the app loads with it at start "
            "for matching references (the head itself needs no embeddings): importing its "
            "package (requests, huggingface_hub) and reading its weights from the wheel; memory "
            "is the RSS both add to a process that has imported the app.",
        ],
    )
