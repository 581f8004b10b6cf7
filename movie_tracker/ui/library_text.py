"""The Library's own words: how long a film runs, and the "No longer than" choices. No
Streamlit here."""

from __future__ import annotations

ANY_LENGTH = "Any length"


def runtime_length(minutes: int | None) -> str | None:
    """A runtime as people say it: "1 h 52 min", "45 min", "2 h"; None when unknown."""
    if not minutes or minutes < 0:
        return None
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def no_longer_than(minutes: int | None) -> str:
    """A choice of the runtime filter: "90 minutes"; 0 or None is "Any length"."""
    return f"{minutes} minutes" if minutes else ANY_LENGTH
