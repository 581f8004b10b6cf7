"""Tables the pages draw, built from plain models with pandas. No Streamlit here."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from movie_tracker.models import Movie, stars
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
