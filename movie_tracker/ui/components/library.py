"""The Library's render helpers: filters and sort, the table, the grid of cards, the pager.

They take plain data, draw it, and return what the person entered; they never touch the
service. What the Library shows lives in the URL (ui/state.py): each widget is seeded from
the query on every run and writes its new value to the URL when it changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from movie_tracker.models import RATING_CHOICES, Movie, stars
from movie_tracker.service import MOVIE_SORTS, SORT_ADDED
from movie_tracker.ui import state
from movie_tracker.ui.library_text import movies_shown, no_longer_than
from movie_tracker.ui.posters import poster_key
from movie_tracker.ui.state import LibraryQuery
from movie_tracker.ui.text import escape_markdown
from movie_tracker.ui.widgets import poster

SORT_NAMES = {
    "added": "Date added",
    "title": "Title",
    "year": "Year",
    "rating": "Your rating",
    "last_watched": "Last watched",
    "runtime": "Runtime, shortest first",
    "your_order": "Your order (Want to Watch first)",
}
ANY_GENRE = "All genres"
ANY_DECADE = "All decades"
RATED_OPTIONS = ("Rated or not", "Rated", "Unrated")
ANY_LENGTH = 0  # the runtime filter's "Any length"
GRID_COLUMNS = 3
TABLE_KEY = "library_table"
TABLE_IDS = "library_table_ids"  # the id of each row the table shows, in order

# Widget keys, so tests can find them.
STATUS_KEY = "library_status"
TEXT_KEY = "library_text"
GENRE_KEY = "library_genre"
DECADE_KEY = "library_decade"
RATED_KEY = "library_rated"
SORT_KEY = "library_sort"
RUNTIME_KEY = "library_runtime"
GRID_KEY = "library_grid"
MORE_KEY = "library_more"  # the "More filters and sorting" expander: open or not
NARROWED_KEY = "library_narrowed"  # whether the last run's list was narrowed


@dataclass(frozen=True)
class NewRating:
    """A rating picked on a card of the grid: the movie (its id and label) and the stars."""

    movie_id: int
    label: str
    rating: float | None


def empty_library(add_page: st.Page) -> None:
    st.info("Your library is empty. Add the first movie you have watched or want to watch.")
    st.page_link(add_page, label="Add movie", icon=":material/add_circle:")


def no_matches() -> None:
    st.info("No movies match these filters. Choose “All” or clear the search to see every movie.")


def filters(
    query: LibraryQuery, genres: Sequence[str], decades: Sequence[int], phone: bool = False
) -> LibraryQuery:
    """Status, search, genre, decade, rated and sort, and the table/grid toggle, seeded
    from `query`; returns `query` with any value the library does not offer let go. The
    toggle writes the view to the URL only when it differs from the device's own (the
    grid on a phone, the table elsewhere)."""
    query = replace(
        query,
        genre=query.genre if query.genre in genres else None,
        decade=query.decade if query.decade in decades else None,
    )
    status_column, text_column = st.columns([1, 2])
    with status_column:
        _select("Show", state.STATUSES, query.status, STATUS_KEY, state.STATUS, "All")
    with text_column:
        _seed(TEXT_KEY, query.text)
        st.text_input(
            "Search title, director or genre",
            key=TEXT_KEY,
            placeholder="e.g. Mann, Crime, Matrix",
            on_change=_to_url,
            args=(TEXT_KEY, state.TEXT, lambda words: words.strip() or None),
        )
    narrowed = any(
        (
            query.genre,
            query.decade,
            query.rated is not None,
            query.sort != SORT_ADDED,
            query.max_runtime,
        )
    )
    if narrowed and not st.session_state.get(NARROWED_KEY):
        st.session_state[MORE_KEY] = True  # a link or back to a narrowed list shows why
    st.session_state[NARROWED_KEY] = narrowed
    more = st.expander(
        "More filters and sorting", expanded=narrowed, key=MORE_KEY, on_change="rerun"
    )
    if more.open:  # folded, its five pickers are neither sent nor drawn (BENCHMARKS.md)
        with more:
            _more_filters(query, genres, decades)
    _seed(GRID_KEY, query.grid)
    st.toggle(
        "Grid view",
        key=GRID_KEY,
        on_change=_to_url,
        args=(GRID_KEY, state.VIEW, partial(_view, phone), False),
    )
    return query


def _more_filters(query: LibraryQuery, genres: Sequence[str], decades: Sequence[int]) -> None:
    """Genre, decade, rated, runtime and sort: folded away, so a phone shows the movies
    first."""
    genre_column, decade_column, rated_column, runtime_column, sort_column = st.columns(5)
    with genre_column:
        genre = query.genre or ANY_GENRE
        _select("Genre", (ANY_GENRE, *genres), genre, GENRE_KEY, state.GENRE, ANY_GENRE)
    with decade_column:
        decade = f"{query.decade}s" if query.decade else ANY_DECADE
        options = (ANY_DECADE, *(f"{d}s" for d in decades))
        _select("Decade", options, decade, DECADE_KEY, state.DECADE, ANY_DECADE, _decade_value)
    with rated_column:
        rated = {True: "Rated", False: "Unrated", None: RATED_OPTIONS[0]}[query.rated]
        _select("Rated", RATED_OPTIONS, rated, RATED_KEY, state.RATED, RATED_OPTIONS[0], str.lower)
    with runtime_column:
        _seed(RUNTIME_KEY, query.max_runtime or ANY_LENGTH)  # None would show no choice
        st.selectbox(
            "No longer than",
            (ANY_LENGTH, *state.RUNTIME_CHOICES),
            format_func=no_longer_than,
            key=RUNTIME_KEY,
            on_change=_to_url,
            args=(RUNTIME_KEY, state.RUNTIME, lambda minutes: str(minutes) if minutes else None),
        )
    with sort_column:
        _seed(SORT_KEY, query.sort)
        st.selectbox(
            "Sort by",
            MOVIE_SORTS,
            format_func=SORT_NAMES.__getitem__,
            key=SORT_KEY,
            on_change=_to_url,
            args=(SORT_KEY, state.SORT, lambda sort: None if sort == SORT_ADDED else sort),
        )


def _select(
    label: str,
    options: Sequence[str],
    value: str,
    key: str,
    param: str,
    default: str,
    encode: Callable[[str], str] = str,
) -> None:
    _seed(key, value)
    st.selectbox(
        label,
        options,
        key=key,
        on_change=_to_url,
        args=(key, param, lambda picked: None if picked == default else encode(picked)),
    )


def _view(phone: bool, grid: bool) -> str | None:
    """?view= for the toggle's new value: none when it is what this device opens with."""
    if grid == phone:
        return None
    return state.GRID if grid else state.TABLE


def _decade_value(label: str) -> str:
    return label.removesuffix("s")


def _seed(key: str, value: Any) -> None:
    """The widget shows what the URL says (after a bookmark, a link or the back button)."""
    st.session_state[key] = value


def _to_url(
    key: str, param: str, encode: Callable[[Any], str | None], first_page: bool = True
) -> None:
    """on_change: write the widget's new value to the URL (None: the default, left out).
    A new question starts on the first page."""
    value = encode(st.session_state[key])
    if value is None:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = value
    if first_page:
        st.query_params.pop(state.PAGE, None)


def open_movie(movie_id: int) -> None:
    """Show the movie: its id goes in the URL, so back returns to the list."""
    st.query_params[state.MOVIE] = str(movie_id)


def showing(first: int, count: int, matching: int, total: int) -> None:
    st.caption(movies_shown(first, first + count - 1, matching, total))


def library_table(frame: pd.DataFrame, ids: Sequence[int]) -> None:
    """The page of movies; a click on any cell of a row (or on its checkbox) opens that
    movie. The title is not pinned: Streamlit draws a pinned column's text faded, as it
    draws an index, which made every title look disabled."""
    st.session_state[TABLE_IDS] = tuple(ids)
    st.dataframe(
        frame,
        column_order=shown_columns(frame),
        key=TABLE_KEY,
        on_select=_open_picked_row,
        selection_mode=["single-row", "single-cell"],
        hide_index=True,
        placeholder="–",
        row_height=56,
        height=min(len(frame), 12) * 56 + 40,
        column_config={
            "Title": st.column_config.TextColumn("Title", width="medium"),
            "Year": st.column_config.NumberColumn("Year", format="%d", width="small"),
            "Status": st.column_config.TextColumn("Status", width=110),
            "Rating": st.column_config.TextColumn("Rating", width="small"),
            "Runtime": st.column_config.TextColumn("Runtime", width="small"),
            "Poster": st.column_config.ImageColumn("Poster", width="small"),
            "Director": st.column_config.TextColumn("Director", width=150),
            "Genre": st.column_config.TextColumn("Genre", width=150),
            "Last watched": st.column_config.TextColumn("Last watched"),
            "Added": st.column_config.DatetimeColumn("Added", format="YYYY-MM-DD"),
            "IMDb": st.column_config.LinkColumn("IMDb", display_text="IMDb ↗", width="small"),
        },
    )


def shown_columns(frame: pd.DataFrame) -> list[str]:
    """The columns this page has something in (the title always): a page of films imported
    from Letterboxd has no poster, director, genre or IMDb link until OMDb fills them in,
    and four empty columns cost the browser as much to draw as full ones."""
    return [c for c in frame.columns if c == "Title" or bool(frame[c].notna().any())]


def picked_row(selection: Any) -> int | None:
    """The row a table selection points at: the row ticked, else the row of the cell
    clicked; None when nothing is selected."""
    if selection.rows:
        return int(selection.rows[0])
    if selection.cells:
        return int(selection.cells[0][0])
    return None


def _open_picked_row() -> None:
    ids = st.session_state.get(TABLE_IDS, ())
    row = picked_row(st.session_state[TABLE_KEY].selection)
    if row is not None and row < len(ids):
        open_movie(ids[row])


def library_grid(movies: Sequence[Movie]) -> NewRating | None:
    """A card a movie: poster, title and year (click to open), status, your rating, and a
    picker to rate it there. Returns the rating picked, if any."""
    picked = None
    for start in range(0, len(movies), GRID_COLUMNS):
        row = movies[start : start + GRID_COLUMNS]
        for column, movie in zip(st.columns(GRID_COLUMNS), row, strict=False):
            with column, st.container(border=True):
                picked = _card(movie) or picked
    return picked


def _card(movie: Movie) -> NewRating | None:
    movie_id = movie.id or 0
    poster(poster_key("card", movie_id), movie.poster_url, movie.label, 100)
    st.button(
        escape_markdown(movie.label),
        key=f"library_open_{movie_id}",
        type="tertiary",
        on_click=open_movie,
        args=(movie_id,),
    )
    rating = stars(movie.rating) or "Not rated"
    st.caption(f"{escape_markdown(movie.status.value)} · {rating}")
    options = (None, *RATING_CHOICES)
    chosen = st.selectbox(
        f"Rate {movie.label}",
        options,
        index=options.index(movie.rating) if movie.rating in options else 0,
        format_func=rating_name,
        key=f"library_rate_{movie_id}_{movie.rating}",
        label_visibility="collapsed",
    )
    if chosen == movie.rating:
        return None
    return NewRating(movie_id, movie.label, chosen)


def rating_name(rating: float | None) -> str:
    """How a rating is offered: "★★★½ (3.5)"; None is "No rating"."""
    return "No rating" if rating is None else f"{stars(rating)} ({rating:g})"


def pager(page: int, page_count: int) -> None:
    """Previous/Next over the pages; the page is in the URL."""
    if page_count <= 1:
        return
    previous, where, following = st.columns([1, 2, 1], vertical_alignment="center")
    previous.button(
        "Previous",
        key="library_page_previous",
        disabled=page <= 1,
        on_click=_turn,
        args=(page - 1,),
    )
    where.markdown(f"Page {page} of {page_count}", text_alignment="center")
    following.button(
        "Next",
        key="library_page_next",
        disabled=page >= page_count,
        on_click=_turn,
        args=(page + 1,),
    )


def _turn(page: int) -> None:
    if page <= 1:
        st.query_params.pop(state.PAGE, None)
    else:
        st.query_params[state.PAGE] = str(page)
