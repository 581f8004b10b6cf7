"""The sentences of the Log a film dialog, made from plain data: what a pick is, what
logging did, why the Rewatch tick is set. No Streamlit here: unit tested alone (ui/text.py
holds the other pages' sentences)."""

from __future__ import annotations

from movie_tracker.models import FilmLogged, movie_label, stars
from movie_tracker.ui.add_text import filled_names

YOURS = "in your library"
FROM_OMDB = "from OMDb"
NEW_FILM = "a new film"
SEARCH_HINT = "Type a few letters of the title: your films first, then OMDb's."
OFFLINE_HINT = "Type a few letters of the title: your films, or a new film by its title."
NOTHING_YOURS = "None of your films matches."
SEEN_BEFORE = "You have logged this film before, so this watch is a rewatch."
FIRST_WATCH = "Tick it when you had seen the film before you started logging it here."


def result_label(title: str, year: int | None, where: str) -> str:
    """One search result as its button says it: "Heat (1995) · in your library"."""
    return f"{movie_label(title, year)} · {where}"


def new_film_label(typed: str) -> str:
    """The button that logs the typed title as a film the library does not have yet."""
    return f"Log “{typed.strip()}” as {NEW_FILM}"


def omdb_failed(reason: str) -> str:
    """OMDb's failure under your own results, which stay usable."""
    return f"OMDb's films cannot be shown: {reason} Your own films and a typed title still work."


def logged_message(logged: FilmLogged) -> str:
    """What Save did: the watch logged, and whether the film was added for it or was in
    the library already (and what OMDb filled in on it)."""
    movie = logged.movie
    rated = f", rated {stars(logged.watch.rating)}" if logged.watch.rating is not None else ""
    message = f"Logged a watch of {movie.label}{rated}."
    if logged.new:
        return f"{message} {movie.label} was added to your library."
    if logged.filled:
        return (
            f"{message} It was in your library; added its {filled_names(logged.filled)} from OMDb."
        )
    return message
