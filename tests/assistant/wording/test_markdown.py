"""A title in a Markdown reply shows as the text it is, whatever it contains."""

from __future__ import annotations

import html
import re

import pytest

from taskmate.assistant.wording.markdown import escaped
from taskmate.chat.markdown import render_markdown

TITLES = [
    "*urgent* fix",
    "[win a prize](https://example.com)",
    "<https://example.com>",
    "# heading",
    "1. first",
    "2) second",
    "- dash",
    "+ plus",
    "> quote",
    "=== line",
    "snake_case_name",
    "`code`",
    "back\\slash \\*",
    "&amp; entity",
    "<b>bold</b>",
    "![image](https://example.com/x.png)",
    "***",
    "two\nlines",
]


def _shown(markdown: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", render_markdown(markdown))).strip()


@pytest.mark.parametrize("title", TITLES)
def test_a_title_renders_as_its_own_text_in_a_list_or_a_sentence(title: str) -> None:
    text = " ".join(title.split())
    for markdown in (f"1. {escaped(title)}", f"- {escaped(title)}", f"Added “{escaped(title)}”."):
        rendered = render_markdown(markdown)
        assert "<a " not in rendered and "<em>" not in rendered and "<h1>" not in rendered
        assert text in _shown(markdown)


def test_plain_words_are_left_alone() -> None:
    assert escaped("Call mom at 5! (really)") == "Call mom at 5! (really)"
