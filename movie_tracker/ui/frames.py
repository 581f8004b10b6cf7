"""Tables the pages draw, built from plain models with pandas. No Streamlit here."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from movie_tracker.models import Movie

LIBRARY_COLUMNS = ("Poster", "Title", "Year", "Director", "Genre", "Status", "Added", "IMDb")


def movies_frame(movies: Sequence[Movie]) -> pd.DataFrame:
    """One row a movie, in the Library table's column order; missing values stay empty."""
    frame: pd.DataFrame = pd.DataFrame(
        {
            "Poster": pd.Series([m.poster_url for m in movies], dtype="object"),
            "Title": pd.Series([m.title for m in movies], dtype="object"),
            "Year": pd.array([m.year for m in movies], dtype="Int64"),
            "Director": pd.Series([m.director for m in movies], dtype="object"),
            "Genre": pd.Series([m.genre for m in movies], dtype="object"),
            "Status": pd.Series([m.status.value for m in movies], dtype="object"),
            "Added": pd.to_datetime(
                pd.Series([m.date_added for m in movies], dtype="object"), utc=True
            ),
            "IMDb": pd.Series([m.imdb_url for m in movies], dtype="object"),
        },
        columns=list(LIBRARY_COLUMNS),
    )
    return frame


def counts_frame(pairs: Sequence[tuple[str, int]], label: str) -> pd.DataFrame:
    """A (label, count) breakdown as a two-column frame, order kept: ready for a bar chart."""
    frame: pd.DataFrame = pd.DataFrame(
        {label: [name for name, _ in pairs], "Movies": [count for _, count in pairs]}
    )
    return frame
