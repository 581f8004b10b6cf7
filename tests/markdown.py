"""Markdown as a reader sees it: the text a CommonMark renderer shows for a source.

Streamlit renders st.markdown, st.header, captions, alerts and widget labels as CommonMark
with GitHub's extensions (strikethrough, tables) and $math$; markdown-it-py does the same
here, so a test can ask whether a title reads exactly as typed once it meets markdown.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

_RENDERER = MarkdownIt("commonmark").enable(["strikethrough", "table"]).use(dollarmath_plugin)
# What a reader sees as text; any other token (emphasis, links, headings, lists, HTML,
# math) is formatting the source asked for.
_TEXT = {"text", "code_inline"}
_BREAKS = {"softbreak", "hardbreak"}


def as_read(source: str) -> str:
    """The words a reader sees, formatting dropped: "M*A*S*H" reads as "MAS*H"."""
    shown: list[str] = []
    for block in _RENDERER.parse(source):
        if block.type == "inline":
            shown.append("".join(_text(child) for child in block.children or []))
    return "\n".join(shown)


def formatting(source: str) -> list[str]:
    """Every token kind the source turns into, beyond paragraphs of plain text."""
    kinds = []
    for block in _RENDERER.parse(source):
        if block.type not in ("paragraph_open", "paragraph_close", "inline"):
            kinds.append(block.type)
        for child in block.children or []:
            if child.type not in _TEXT | _BREAKS:
                kinds.append(child.type)
    return kinds


def reads_as_typed(source: str, typed: str) -> bool:
    """Whether `typed` shows, character for character, where it meets markdown."""
    return typed in as_read(source)


def _text(token: Token) -> str:
    if token.type in _TEXT:
        return token.content
    return "\n" if token.type in _BREAKS else ""
