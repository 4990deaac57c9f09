"""``taskmate parse``: the offline interpreter's reading as JSON, one text or JSON lines."""

import json

from typer.testing import CliRunner

from taskmate.cli import app

runner = CliRunner()
CLOCK = ["--now", "2026-01-15T10:00:00", "--tz", "UTC"]


def test_one_text() -> None:
    result = runner.invoke(app, ["parse", "buy milk tomorrow 5pm", *CLOCK])
    assert result.exit_code == 0, result.output
    read = json.loads(result.stdout)
    assert read["text"] == "buy milk tomorrow 5pm"
    assert read["intent"] == "add_tasks"
    task = read["args"]["tasks"][0]
    assert task["title"] == "buy milk"
    assert task["due"] == {"date": "2026-01-16", "time": "17:00", "text": "tomorrow 5pm"}


def test_json_lines_from_stdin() -> None:
    lines = [
        json.dumps({"text": "remind me to call mom at 6pm"}),
        "what's the weather",
        "",
        json.dumps({"id": 3, "text": "delete the second one"}),
        '{"not": "a text field"}',
    ]
    result = runner.invoke(app, ["parse", "--jsonl", *CLOCK], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(out["text"], out["intent"]) for out in outputs[:3]] == [
        ("remind me to call mom at 6pm", "add_tasks"),
        ("what's the weather", "unknown"),
        ("delete the second one", "delete_tasks"),
    ]
    assert outputs[3]["text"] == '{"not": "a text field"}'
    assert outputs[3]["intent"] in ("chat", "help", "unknown")  # read as text, changing nothing
    assert outputs[0]["args"]["tasks"][0]["due"]["time"] == "18:00"
    assert outputs[1]["args"]["reply"].startswith("Sorry")


def test_now_is_read_in_the_time_zone() -> None:
    local = runner.invoke(
        app,
        ["parse", "call mom tomorrow 9am", "--now", "2026-01-15T23:30:00", "--tz", "Asia/Tokyo"],
    )
    assert json.loads(local.stdout)["args"]["tasks"][0]["due"]["date"] == "2026-01-16"
    converted = runner.invoke(
        app,
        ["parse", "call mom tomorrow 9am", "--now", "2026-01-15T23:30:00Z", "--tz", "Asia/Tokyo"],
    )
    assert json.loads(converted.stdout)["args"]["tasks"][0]["due"]["date"] == "2026-01-17"


def test_bad_input() -> None:
    assert runner.invoke(app, ["parse", "hi", "--tz", "Mars/Olympus"]).exit_code == 2
    assert runner.invoke(app, ["parse", "hi", "--now", "soon"]).exit_code == 2
    assert runner.invoke(app, ["parse"]).exit_code == 2
    assert runner.invoke(app, ["parse", "hi", "--jsonl"], input="hi\n").exit_code == 2
