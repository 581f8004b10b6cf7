"""Tables the pages draw, built from plain models with pandas. No Streamlit here."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from movie_tracker.models import ListEntry, Movie, stars
from movie_tracker.ui.library_text import runtime_length

LIBRARY_COLUMNS = (
    "Title",
    "Year",
    "Status",
    "Rating",
    "Runtime",
    "Poster",
    "Director",
    "Genre",
    "Last watched",
    "Added",
    "IMDb",
)


def movies_frame(movies: Sequence[Movie]) -> pd.DataFrame:
    """One row a movie, in the Library table's column order (title,
    year, status, rating and runtime first: what a phone's width shows); missing values
    stay empty."""
    frame: pd.DataFrame = pd.DataFrame(
        {
            "Title": pd.Series([m.title for m in movies], dtype="object"),
            "Year": pd.array([m.year for m in movies], dtype="Int64"),
            "Status": pd.Series([m.status.value for m in movies], dtype="object"),
            "Rating": pd.Series([stars(m.rating) or None for m in movies], dtype="object"),
            "Runtime": pd.Series(
                [runtime_length(m.runtime_minutes) for m in movies], dtype="object"
            ),
            "Poster": pd.Series([m.poster_url for m in movies], dtype="object"),
            "Director": pd.Series([m.director for m in movies], dtype="object"),
            "Genre": pd.Series([m.genre for m in movies], dtype="object"),
            "Last watched": pd.Series([_as_written(m) for m in movies], dtype="object"),
            "Added": pd.to_datetime(
                pd.Series([m.date_added for m in movies], dtype="object"), utc=True
            ),
            "IMDb": pd.Series([m.imdb_url for m in movies], dtype="object"),
        },
        columns=list(LIBRARY_COLUMNS),
    )
    return frame


def _as_written(movie: Movie) -> str | None:
    """The last date watched as the person gave it: "2015-03-14", "2015-03" or "2015"."""
    when = movie.last_watched_date
    return when.iso if when else None


def counts_frame(pairs: Sequence[tuple[str, int]], label: str) -> pd.DataFrame:
    """A (label, count) breakdown as a two-column frame, order kept: ready for a bar chart."""
    frame: pd.DataFrame = pd.DataFrame(
        {label: [name for name, _ in pairs], "Movies": [count for _, count in pairs]}
    )
    return frame


LIST_COLUMNS = ("#", "Title", "Year", "Status", "Rating", "Runtime", "Note")


def list_frame(entries: Sequence[ListEntry]) -> pd.DataFrame:
    """A list's films in its order: place, title, year, status, your rating, runtime (in
    minutes) and the film's note in the list."""
    frame: pd.DataFrame = pd.DataFrame(
        {
            "#": pd.array([e.position for e in entries], dtype="Int64"),
            "Title": pd.Series([e.movie.title for e in entries], dtype="object"),
            "Year": pd.array([e.movie.year for e in entries], dtype="Int64"),
            "Status": pd.Series([e.movie.status.value for e in entries], dtype="object"),
            "Rating": pd.Series([stars(e.movie.rating) or None for e in entries], dtype="object"),
            "Runtime": pd.array([e.movie.runtime_minutes for e in entries], dtype="Int64"),
            "Note": pd.Series([e.note or None for e in entries], dtype="object"),
        },
        columns=list(LIST_COLUMNS),
    )
    return frame
