"""The Library's own words: how long a film runs, and the "No longer than" choices. No
Streamlit here."""

from __future__ import annotations

from movie_tracker.models import runtime_length

__all__ = ["ANY_LENGTH", "no_longer_than", "runtime_length"]

ANY_LENGTH = "Any length"


def no_longer_than(minutes: int | None) -> str:
    """A choice of the runtime filter: "90 minutes"; 0 or None is "Any length"."""
    return f"{minutes} minutes" if minutes else ANY_LENGTH


def movies_shown(first: int, last: int, matching: int, total: int) -> str:
    """The Library's caption: "Showing 1–50 of 3,598 movies. Click one to open it."."""
    movies = "1 movie" if matching == 1 else f"{matching:,} movies"
    of_library = "" if matching == total else f" (of {total:,} in your library)"
    return f"Showing {first:,}–{last:,} of {movies}{of_library}. Click one to open it."
