"""``taskmate parse``: how the offline interpreter reads text, as JSON."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo

import typer

from taskmate.timezones import check_timezone

if TYPE_CHECKING:
    from taskmate.assistant.interpreter import Interpretation


def _clock(now: str | None, tz: str) -> datetime:
    try:
        zone = ZoneInfo(check_timezone(tz))
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--tz") from None
    if now is None:
        return datetime.now(zone)
    try:
        moment = datetime.fromisoformat(now)
    except ValueError:
        raise typer.BadParameter(
            f"{now!r} is not an ISO 8601 date-time such as 2026-01-15T10:00:00",
            param_hint="--now",
        ) from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def _text_of(line: str) -> str:
    """A JSON object's ``text`` field, or the line itself."""
    if line.lstrip().startswith("{"):
        try:
            value = json.loads(line)
        except ValueError:
            return line
        if isinstance(value, dict) and isinstance(text := value.get("text"), str):
            return text
    return line


def _rendered(interpretation: Interpretation) -> dict[str, Any]:
    from taskmate.assistant.interpreter import reply_text

    rendered: dict[str, Any] = interpretation.to_json()
    reply = reply_text(interpretation)
    if reply is not None:
        rendered["args"]["reply"] = reply
    return rendered


def parse(
    text: Annotated[str | None, typer.Argument(help="What to read.")] = None,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help="Read stdin instead: one input per line, a JSON object with a 'text' field "
            "or plain text; print one JSON object per line.",
        ),
    ] = False,
    now: Annotated[
        str | None,
        typer.Option(help="The current time, ISO 8601; without an offset it is in --tz."),
    ] = None,
    tz: Annotated[str, typer.Option(help="The user's IANA time zone.")] = "UTC",
) -> None:
    """Print how the offline assistant reads TEXT: {"text", "intent", "args"} as JSON."""
    from taskmate.assistant.interpreter import interpret

    if (text is None) == (not jsonl):
        raise typer.BadParameter("give either TEXT or --jsonl (with input on stdin)")
    clock = _clock(now, tz)
    if text is not None:
        typer.echo(json.dumps(_rendered(interpret(text, now=clock)), ensure_ascii=False, indent=2))
        return
    out = sys.stdout
    for line in sys.stdin:
        if line.strip():
            rendered = _rendered(interpret(_text_of(line.rstrip("\r\n")), now=clock))
            out.write(json.dumps(rendered, ensure_ascii=False) + "\n")
    out.flush()
