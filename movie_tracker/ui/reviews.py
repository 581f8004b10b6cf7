"""A review as markdown that reads as it was written. No Streamlit here: unit tested alone.

Letterboxd writes reviews in a little HTML: <b>/<strong>, <i>/<em>, <a href>, <blockquote>,
<p> and <br>, with entities such as &quot;. Those few tags become markdown (bold, italics,
links, block quotes, paragraphs, line breaks); a link is kept only to an http(s) address,
else its words stay as plain text. Every other tag, and anything that only looks like one,
is text, shown as typed. The words between tags go through escape_markdown, so "*" or "#"
in a review is never formatting, and nothing here is HTML for the browser: the result goes
to st.markdown, never with unsafe_allow_html. The review itself is stored, exported and
edited exactly as it was imported; only its display changes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from movie_tracker.models import web_address
from movie_tracker.ui.markdown import escape_markdown
from movie_tracker.ui.text import review_start

# The tags read as formatting, by name, and what each becomes.
_KINDS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "a": "link",
    "blockquote": "quote",
    "p": "paragraph",
    "br": "break",
}
_BLOCKS = {"quote", "paragraph"}
# A tag: its name, then attributes, where a quoted value may hold < or >.
_TAG = re.compile(r"""<(/?)([a-zA-Z]+)((?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?)/?>""")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_SAFE_IN_LINK = ":/?#[]@!$&*+,;=%-._~"
_MARKERS = {"bold": "**", "italic": "*"}
_PARAGRAPH_BREAK = "\n\n"
_LINE_BREAK = "  \n"


@dataclass(frozen=True)
class _Token:
    """A piece of a review: text, or a tag read as formatting (`kind`, opening or not)."""

    text: str = ""
    kind: str = ""
    closing: bool = False
    href: str | None = None

    @property
    def shown(self) -> str:
        """What the piece adds to the review's plain words (for cutting it short)."""
        if not self.kind:
            return self.text
        return "\n" if self.kind == "break" or self.kind in _BLOCKS else ""


@dataclass
class _Node:
    kind: str  # "" for the review itself
    href: str | None = None
    children: list[_Node | str] = field(default_factory=list)


def review_markdown(review: str, length: int | None = None) -> str:
    """`review` as markdown for st.markdown; with `length`, only its first `length`
    characters of words, cut at a word and ended with "…" (the Diary's review start)."""
    tokens = list(_tokens(review.strip()))
    if length is not None:
        tokens = _cut(tokens, length)
    return _tidy(_render(_tree(tokens).children, ()))


# -- reading -----------------------------------------------------------------------------


def _tokens(review: str) -> Iterator[_Token]:
    position = 0
    for tag in _TAG.finditer(review):
        kind = _KINDS.get(tag[2].lower())
        if kind is None:
            continue  # not a tag read as formatting: it stays in the text, as typed
        if tag.start() > position:
            yield _Token(_unescaped(review[position : tag.start()]))
        closing = bool(tag[1])
        href = _link(tag[3]) if kind == "link" and not closing else None
        yield _Token(kind=kind, closing=closing, href=href)
        if tag[0].endswith("/>") and kind in _BLOCKS and not closing:
            yield _Token(kind=kind, closing=True)  # <p/>: opened and closed at once
        position = tag.end()
    if position < len(review):
        yield _Token(_unescaped(review[position:]))


def _unescaped(text: str) -> str:
    """Entities such as &quot; or &#39; read as the character they stand for; a lone
    "&" (or "AT&T") stays as it is."""
    return _ENTITY.sub(lambda entity: html.unescape(entity[0]), text)


def _link(attributes: str) -> str | None:
    """The address of <a href="...">, when it is http(s) with a host; None otherwise
    (javascript:, data:, mailto:, relative), which leaves the link's words as text."""
    found = _HREF.search(attributes)
    if found is None:
        return None
    address = _unescaped(next(value for value in found.groups() if value is not None))
    # In a markdown link nothing may end the address: no space, bracket or parenthesis.
    return web_address(address, _SAFE_IN_LINK)


def _cut(tokens: Sequence[_Token], length: int) -> list[_Token]:
    """The tokens of the review's first `length` characters of words (text.review_start
    decides where, at a word), then "…"; all of them when it is short enough."""
    words = "".join(token.shown for token in tokens)
    start = review_start(words, length)
    if start == words.strip():
        return list(tokens)
    budget = len(words) - len(words.lstrip()) + len(start.removesuffix("…"))
    kept: list[_Token] = []
    for token in tokens:
        if budget <= 0:
            break
        if token.kind:
            kept.append(token)
            budget -= len(token.shown)
        else:
            kept.append(_Token(token.text[:budget]))
            budget -= len(token.text)
    return [*kept, _Token("…")]


def _tree(tokens: Sequence[_Token]) -> _Node:
    """Tags nested as written; a closing tag closes the nearest open one of its kind (and
    any left open inside it); a closing tag with none open is dropped; whatever is still
    open at the end closes there."""
    root = _Node("")
    stack = [root]
    for token in tokens:
        if not token.kind:
            stack[-1].children.append(token.text)
        elif token.kind == "break":
            stack[-1].children.append(_Node("break"))
        elif not token.closing:
            node = _Node(token.kind, token.href)
            stack[-1].children.append(node)
            stack.append(node)
        elif any(node.kind == token.kind for node in stack[1:]):
            while stack.pop().kind != token.kind:
                pass
    return root


# -- writing -----------------------------------------------------------------------------


def _render(children: Sequence[_Node | str], inside: tuple[str, ...]) -> str:
    """Markdown for `children`; `inside` names the formatting already around them (bold
    in bold adds nothing, and a link in a link is only its words)."""
    parts = []
    for child in children:
        if isinstance(child, str):
            parts.append(_words(child))
        else:
            parts.append(_element(child, inside))
    return "".join(parts)


def _words(text: str) -> str:
    """Plain words: escaped, each line break kept (markdown would join the lines), a blank
    line a new paragraph."""
    paragraphs = re.split(r"\n\s*\n", text)
    return _PARAGRAPH_BREAK.join(
        _LINE_BREAK.join(escape_markdown(line) for line in paragraph.split("\n"))
        for paragraph in paragraphs
    )


def _element(node: _Node, inside: tuple[str, ...]) -> str:
    if node.kind == "break":
        return _LINE_BREAK
    content = _render(node.children, (*inside, node.kind))
    if node.kind == "paragraph":
        return f"{_PARAGRAPH_BREAK}{content.strip()}{_PARAGRAPH_BREAK}"
    if node.kind == "quote":
        lines = _tidy(content).split("\n")
        quoted = "\n".join(f"> {line}".rstrip() if line.strip() else ">" for line in lines)
        return f"{_PARAGRAPH_BREAK}{quoted}{_PARAGRAPH_BREAK}"
    if node.kind == "link":
        if node.href is None or "link" in inside or not content.strip():
            return content
        words = re.sub(r"\s*\n\s*", " ", content)  # a link's words stay on one line
        lead, core, trail = _around(words)
        return f"{lead}[{core}]({node.href}){trail}"
    if node.kind in inside:
        return content  # already bold (or italic): the inner tag adds nothing
    return _emphasised(content, _MARKERS[node.kind])


def _emphasised(content: str, marker: str) -> str:
    """`content` between `marker`s, line by line: emphasis cannot span a line break, and
    white space must stay outside the markers for markdown to read them."""
    pieces = re.split(r"(  \n|\n\n)", content)
    out = []
    for piece in pieces:
        if piece in (_LINE_BREAK, _PARAGRAPH_BREAK) or not piece.strip():
            out.append(piece)
            continue
        lead, core, trail = _around(piece)
        out.append(f"{lead}{marker}{core}{marker}{trail}")
    return "".join(out)


def _around(text: str) -> tuple[str, str, str]:
    """(leading white space, the rest, trailing white space) of a `text` with words."""
    core = text.strip()
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def _tidy(markdown: str) -> str:
    """No indent (four spaces would make a code block), no more than one blank line in a
    row and none at either end, no line break left dangling at the end of a paragraph."""
    markdown = re.sub(r"(?m)^[ \t]+", "", markdown)
    markdown = re.sub(r"[ \t]*\n(?:[ \t]*\n)+", _PARAGRAPH_BREAK, markdown)
    return re.sub(r" {2}(?=\n\n|$)", "", markdown.strip("\n")).strip()
