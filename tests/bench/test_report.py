"""Each suite writes only its own section of docs/benchmarks.md."""

from __future__ import annotations

from pathlib import Path

from bench.report import write_section


def test_a_section_is_appended_once_then_replaced_between_its_markers(tmp_path: Path) -> None:
    path = tmp_path / "benchmarks.md"
    path.write_text("# Benchmarks\n\n## Chat\n\nother suite's table\n")
    write_section("chaos", "Chaos", "first table", path)
    write_section("chaos", "Chaos", "second table", path)
    text = path.read_text()
    assert "other suite's table" in text
    assert "first table" not in text
    assert text.count("<!-- chaos:start -->") == 1
    assert text.index("## Chat") < text.index("<!-- chaos:start -->")
    assert "## Chaos\n\nsecond table\n<!-- chaos:end -->" in text
