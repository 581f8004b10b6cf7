"""Posters that fail gracefully, as CSS. No Streamlit here: unit tested alone.

A poster is a box of its own (a keyed st.container, whose class Streamlit names
`st-key-<key>`) holding the film's title as text: the placeholder. The image is that box's
`::after` layer, a CSS background drawn over the title. A film without a poster shows the
title on a neutral ground; a poster that does not load leaves the layer empty, so the title
shows, never a broken-image icon, and the box keeps its size, so nothing around it moves.
An <img> with an onerror handler would need unsafe HTML; a background needs only a style
sheet, and the only text from the library in it is the poster's address, checked and
percent-encoded here. The title stays outside it, in Streamlit's own escaped markdown.
"""

from __future__ import annotations

import re

from movie_tracker.models import web_address

# Characters an address may keep as they are inside url("..."): no quote, backslash,
# parenthesis, angle bracket, brace, or white space, so nothing can end the string or
# the style sheet; anything else is percent-encoded.
_SAFE_IN_URL = ":/?#[]@!$&*+,;=%-._~"
_KEY = re.compile(r"[^a-zA-Z0-9_-]")


def poster_address(url: str | None) -> str | None:
    """`url` made safe to load from a style sheet: http(s) with a host, every character
    that could break out of url("...") percent-encoded; None for anything else."""
    return web_address(url, _SAFE_IN_URL) if url else None


def poster_key(*parts: object) -> str:
    """The container key of a poster (and its CSS class, st-key-<key>): letters, digits,
    - and _ only, as Streamlit's class name keeps them."""
    return _KEY.sub("-", "poster_" + "_".join(str(part) for part in parts))


def poster_style(key: str, url: str | None, width: int) -> str:
    """The style sheet of one poster box: `width` px wide at a poster's 2:3, a neutral
    ground with the title centred on it, and the poster (when its address is usable) as
    a layer over the title."""
    box = f".st-key-{key}"
    rules = [
        f"{box} {{ width: {width}px; aspect-ratio: 2 / 3; position: relative; overflow: hidden; "
        "justify-content: center; align-items: center; text-align: center; "
        "padding: 0.25rem; border-radius: 0.5rem; "
        "background: rgba(128, 128, 128, 0.15); }",
        # the text colour, not a caption's faded one (opacity 0.6): on the grey ground that
        # is too faint to read (axe's color-contrast)
        f'{box} [data-testid="stCaptionContainer"] {{ color: inherit; opacity: 1; '
        "text-align: center; overflow-wrap: anywhere; }",
    ]
    address = poster_address(url)
    if address is not None:
        rules.append(
            f'{box}::after {{ content: ""; position: absolute; inset: 0; '
            f'background: url("{address}") center / cover no-repeat; }}'
        )
    return "<style>" + "\n".join(rules) + "</style>"
