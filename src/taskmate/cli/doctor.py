"""``taskmate doctor``: checks the configuration and connectivity, says what to fix."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer


def doctor(
    workers: Annotated[
        int, typer.Option(min=1, help="Workers `taskmate serve` will run with.")
    ] = 1,
) -> None:
    """Check settings, database, schema, Redis and the assistant's configuration. Exits 0
    when the configuration works, 1 when something must be fixed."""
    from taskmate.config import SettingsError, load_settings
    from taskmate.ops.doctor import Verdict, examine

    colours = {Verdict.OK: typer.colors.GREEN, Verdict.WARN: typer.colors.YELLOW}
    try:
        settings = load_settings()
    except SettingsError as error:
        typer.secho(f"FAIL  settings: {error}", fg=typer.colors.RED)
        raise typer.Exit(code=1) from None
    findings = asyncio.run(examine(settings, workers=workers))
    for finding in findings:
        colour = colours.get(finding.verdict, typer.colors.RED)
        typer.secho(f"{finding.verdict.value:<5} {finding.topic}: {finding.text}", fg=colour)
    failures = sum(finding.verdict is Verdict.FAIL for finding in findings)
    if failures:
        typer.secho(f"{failures} problem(s) to fix before serving.", fg=typer.colors.RED)
        raise typer.Exit(code=1)
    typer.echo("The configuration works.")
