"""Text in markdown that reads exactly as typed. No Streamlit here: unit tested alone.

Streamlit renders st.markdown, headers, captions, alerts and the labels of buttons and
links as markdown. A title, a name or a message quoting them goes in through
escape_markdown, so "M*A*S*H" shows as typed, not as M, an italic A and S*H. An address
from outside (a review's link, a poster) reaches the page only through
models.web_address (models/addresses.py), which the share page uses too.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = set("\\`*[]<>|~$#")
# What markdown reads at the start of a line: a list item ("- x", "+ x", "1. x", "1) x"),
# or a line of only "-" or "=" (a rule, or a heading's underline). The backslash goes
# before the punctuation; "-1", "8.3/10" or "+44" start nothing and stay as they are.
_LINE_STARTS = (
    re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)"),
    re.compile(r"^(\s*)([-+])(?=\s|$)"),
    re.compile(r"^(\s*)([-=])(?=[-=\s]*$)"),
)


def escape_markdown(text: str) -> str:
    """`text` (a title, a name, a message that quotes them) as markdown that reads exactly
    as typed wherever Streamlit renders markdown: st.markdown, headers, captions, alerts,
    button and link labels. "M*A*S*H" stays "M*A*S*H", not M, an italic A and S*H.

    A backslash goes before every character markdown could read as formatting: `*`,
    backticks, brackets, `<`, `>`, `|`, `~`, `$` (math), `#`, `&` before a name (an
    entity), `_` unless it joins two letters or digits (CommonMark never reads those as
    emphasis, so ALLOWED_EMAILS stays as it is), and what starts a list or a heading at
    the start of a line.
    """
    shown = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1 : index + 2]
        if char in _MARKDOWN_SPECIALS:
            shown.append(f"\\{char}")
        elif char == "_" and not (before.isalnum() and after.isalnum()):
            shown.append("\\_")
        elif char == "&" and (after.isalnum() or after == "#"):
            shown.append("\\&")
        else:
            shown.append(char)
    return "\n".join(_escape_line_start(line) for line in "".join(shown).split("\n"))


def _escape_line_start(line: str) -> str:
    for pattern in _LINE_STARTS:
        line = pattern.sub(lambda found: f"{found[1]}\\{found[2]}", line, count=1)
    return line
