"""Message Markdown to HTML that is safe to insert into a page.

CommonMark with raw HTML turned off, so ``<script>`` arrives as text. Links keep only the
``http``, ``https`` and ``mailto`` schemes (anything else, relative links included, stays
literal text) and open with ``rel="nofollow noopener noreferrer"``. Images are not rendered:
a remote image in a shared conversation would tell its host who read the message and when.
One-line texts such as task titles render inline only: emphasis, code and links, no blocks.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
LINK_REL = "nofollow noopener noreferrer"


class _SafeMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        return url.strip().lower().startswith(ALLOWED_SCHEMES)


def _link_open(
    renderer: RendererHTML,
    tokens: Sequence[Token],
    index: int,
    options: OptionsDict,
    env: MutableMapping[str, Any],
) -> str:
    tokens[index].attrSet("rel", LINK_REL)
    return renderer.renderToken(tokens, index, options, env)


def _parser() -> MarkdownIt:
    parser = _SafeMarkdown("commonmark", {"html": False}).disable("image")
    parser.add_render_rule("link_open", _link_open)
    return parser


_PARSER = _parser()


@lru_cache(maxsize=512)
def render_markdown(source: str) -> str:
    """Rendering is a pure function of the text, so repeated reads of a page are cached."""
    html: str = _PARSER.render(source)
    return html


@lru_cache(maxsize=2048)
def render_inline_markdown(source: str) -> str:
    """The same rules for a one-line text: no paragraph, heading or list around it."""
    html: str = _PARSER.renderInline(source)
    return html
