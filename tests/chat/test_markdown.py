"""Message Markdown renders to HTML that cannot run script or load anything."""

from __future__ import annotations

import pytest

from taskmate.chat.markdown import render_inline_markdown, render_markdown


def test_markdown_renders() -> None:
    html = render_markdown("# Plan\n\n- **milk**\n- `eggs`\n\n[docs](https://example.com/a?b=1)")
    assert "<h1>Plan</h1>" in html
    assert "<li><strong>milk</strong></li>" in html
    assert "<code>eggs</code>" in html
    assert '<a href="https://example.com/a?b=1" rel="nofollow noopener noreferrer">docs</a>' in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
    ],
)
def test_raw_html_comes_out_as_text(source: str) -> None:
    html = render_markdown(source)
    assert "<" not in html.removeprefix("<p>").removesuffix("</p>\n")
    assert "&lt;" in html


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "<javascript:alert(1)>",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox)",
        "[click](/relative/path)",
        "[ref]\n\n[ref]: javascript:alert(1)",
    ],
)
def test_links_other_than_http_https_and_mailto_stay_inert(source: str) -> None:
    assert "href" not in render_markdown(source)


def test_mailto_links_work() -> None:
    assert 'href="mailto:ada@example.com"' in render_markdown("<mailto:ada@example.com>")


def test_images_are_not_loaded() -> None:
    html = render_markdown("![tracker](https://evil.example/pixel.png)")
    assert "<img" not in html


@pytest.mark.parametrize(
    ("source", "html"),
    [
        (
            "buy **oat** milk <script>x</script>",
            "buy <strong>oat</strong> milk &lt;script&gt;x&lt;/script&gt;",
        ),
        ("# not a heading", "# not a heading"),
        ("- not a list", "- not a list"),
        (
            "![pixel](https://x.example/p.png)",
            '!<a href="https://x.example/p.png" rel="nofollow noopener noreferrer">pixel</a>',
        ),
        ("[click](javascript:alert(1))", "[click](javascript:alert(1))"),
    ],
)
def test_one_line_texts_render_inline_by_the_same_rules(source: str, html: str) -> None:
    assert render_inline_markdown(source) == html
