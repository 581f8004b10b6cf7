"""Lists: a person's own lists of films (each film once in a list, with a note, in an order
they set), and the rules of what a list's name, description, note and a position may be.

The watchlist (the films Want to Watch) has an order of its own too: the store keeps it,
and a Movie is the watchlist's entry, so it has no type here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from movie_tracker.models.errors import ValidationError, quote
from movie_tracker.models.library import Movie, search_key
from movie_tracker.models.rules import one_line_name

LIST_NAME_MAX_LENGTH = 300  # Letterboxd's names run past 100 characters
LIST_TEXT_MAX_LENGTH = 10_000  # a description or a note: Letterboxd's run to paragraphs


@dataclass(frozen=True)
class MovieList:
    """One of a person's lists, with what its page sums up: how many films it holds, how
    many of them are Watched, and their runtime (of the films whose runtime is known)."""

    id: int
    name: str
    description: str = ""
    created_at: datetime | None = None
    films: int = 0
    watched: int = 0
    runtime_minutes: int = 0
    without_runtime: int = 0  # films whose runtime is not known


@dataclass(frozen=True)
class ListEntry:
    """A film in a list: its place (1 is the first) and the note it has there."""

    movie: Movie
    position: int
    note: str = ""
    added_at: datetime | None = None


def list_name_key(name: str) -> str:
    """What makes two list names the same name: case, accents and spaces ignored."""
    return " ".join(search_key(name).split())


def clean_list_name(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("name", "Give the list a name, like “Films to watch with Sam”.")
    return one_line_name(value, "name", "the list's name", LIST_NAME_MAX_LENGTH)


def clean_list_text(value: object, field_name: str = "description") -> str:
    """A list's description or a film's note in a list: line breaks kept, blank is ""."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field_name, f"The {field_name} must be text.")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > LIST_TEXT_MAX_LENGTH:
        raise ValidationError(
            field_name,
            f"Shorten the {field_name} to {LIST_TEXT_MAX_LENGTH:,} characters or fewer "
            f"(it has {len(text):,}).",
        )
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise ValidationError(
            field_name,
            f"Remove the control characters from the {field_name} (line breaks are fine).",
        )
    return text


def clean_position(value: object) -> int:
    """A place in a list or the watchlist, typed: a whole number from 1 (the first). Whether
    it is within the list is the store's to say: only it knows how long the list is now."""
    hint = "Type the position as a whole number, 1 being the first"
    if isinstance(value, bool):
        raise ValidationError("position", f"{hint}.")
    if isinstance(value, str):
        text = value.strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 9:
            raise ValidationError("position", f"{hint} ({quote(value)} is not one).")
        value = int(text)
    if not isinstance(value, int) or value < 1:
        raise ValidationError("position", f"{hint} ({quote(value)} is not one).")
    return value
