"""``taskmate nlu``: build and measure the assistant's intent model from the repository's
data (needs the development dependencies: scikit-learn)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

nlu = typer.Typer(no_args_is_help=True, help="Train and measure the assistant's intent model.")
DATA = Path("training/nlu")

DataOption = Annotated[
    Path, typer.Option(help="The folder of training data (see its README).", file_okay=False)
]


@nlu.command()
def train(
    data: DataOption = DATA,
    out: Annotated[
        Path | None,
        typer.Option(help="Where to write the model [default: the one the package ships]."),
    ] = None,
) -> None:
    """Train the intent model on DATA and write it to OUT; the same data gives the same model."""
    from taskmate.assistant.understanding.model import MODEL_FILE
    from taskmate.assistant.understanding.training import load_dataset
    from taskmate.assistant.understanding.training import train as build

    out = out or MODEL_FILE

    started = time.perf_counter()
    model = build(load_dataset(data))
    model.save(out)
    typer.echo(
        f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s;"
        f" act at {model.thresholds.act:.2f}, ask within {model.thresholds.margin:.2f}"
    )


@nlu.command()
def corpus(
    out: Annotated[Path, typer.Option(help="Where to write it.")] = DATA / "commands.jsonl",
) -> None:
    """Write the corpus of the app's own commands (templates and hand-written lines)."""
    from taskmate.assistant.understanding.commands import write_corpus

    typer.echo(f"wrote {write_corpus(out)} lines to {out}")


@nlu.command()
def evaluate(
    data: DataOption = DATA,
    folds: Annotated[int, typer.Option(min=2, help="Cross-validation folds.")] = 5,
) -> None:
    """Cross-validated figures of the model, the lexical-only model and the cues alone."""
    from taskmate.assistant.understanding.comparison import compare

    for line in compare(data, folds=folds):
        typer.echo(line)
