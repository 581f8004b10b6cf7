"""Reads the pages cache until the library changes.

Every cached function is keyed on `service.library_version()` (the owner's counter in the
database, which every add, status change, watch and delete moves in its own transaction, so
it is the same number in every app process), so a warm rerun reuses
the counts, the page of movies and its dataframe, the open movie and its diary, and any
write, from any session or process, is seen on the next run. `_service` is left out of
the hash (it is not hashable); `service_key` stands for it so two services in one
process never share entries. It is the service's library_key, not its id: each run sees
the service anew in the browser's timezone (a copy, which ids would tell apart and could
reuse), while the key stays one per library. Nothing cached here depends on the zone.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from movie_tracker import reports
from movie_tracker.models import ListEntry, Movie, MovieList, Watch
from movie_tracker.service import MovieService, UnknownListError, UnknownMovieError
from movie_tracker.ui import frames
from movie_tracker.ui.state import LibraryQuery

PAGE_SIZE = 50


def service_key(service: MovieService) -> int:
    return service.library_key


@st.cache_data(max_entries=256, show_spinner=False)
def count_movies(
    _service: MovieService, key: int, version: int, query: LibraryQuery | None = None
) -> int:
    """How many movies match the Library's filters (its sort, view and page play no part)."""
    query = query or LibraryQuery()
    return _service.count_movies(
        query.status,
        query.text,
        genre=query.genre,
        decade=query.decade,
        rated=query.rated,
        max_runtime=query.max_runtime,
    )


@st.cache_data(max_entries=256, show_spinner=False)
def library_movies(
    _service: MovieService, key: int, version: int, query: LibraryQuery
) -> list[Movie]:
    """The page of movies `query` asks for, sorted and filtered in SQL."""
    return _service.list_movies(
        query.status,
        query.text,
        limit=PAGE_SIZE,
        offset=(query.page - 1) * PAGE_SIZE,
        genre=query.genre,
        decade=query.decade,
        rated=query.rated,
        sort=query.sort,
        max_runtime=query.max_runtime,
    )


@st.cache_data(max_entries=256, show_spinner=False)
def library_page(
    _service: MovieService, key: int, version: int, query: LibraryQuery
) -> pd.DataFrame:
    """One page of the Library table, built once per change of the library or the query."""
    return frames.movies_frame(library_movies(_service, key, version, query))


@st.cache_data(max_entries=16, show_spinner=False)
def genres(_service: MovieService, key: int, version: int) -> list[str]:
    return _service.genres()


@st.cache_data(max_entries=16, show_spinner=False)
def decades(_service: MovieService, key: int, version: int) -> list[int]:
    return _service.decades()


@st.cache_data(max_entries=256, show_spinner=False)
def movie(_service: MovieService, key: int, version: int, movie_id: int) -> Movie | None:
    """The movie with this id, or None when there is none (never was, or deleted)."""
    try:
        return _service.get_movie(movie_id)
    except UnknownMovieError:
        return None


@st.cache_data(max_entries=256, show_spinner=False)
def watches(_service: MovieService, key: int, version: int, movie_id: int) -> list[Watch]:
    """A movie's diary entries, newest first."""
    return _service.watches(movie_id)


@st.cache_data(max_entries=16, show_spinner=False)
def statistics(_service: MovieService, key: int, version: int) -> reports.Statistics:
    return _service.statistics()


# -- the diary ---------------------------------------------------------------------------


@st.cache_data(max_entries=256, show_spinner=False)
def count_diary(_service: MovieService, key: int, version: int, year: int | None) -> int:
    return _service.count_diary(year)


@st.cache_data(max_entries=64, show_spinner=False)
def diary_years(_service: MovieService, key: int, version: int) -> list[int]:
    return _service.diary_years()


@st.cache_data(max_entries=256, show_spinner=False)
def diary_page(
    _service: MovieService, key: int, version: int, year: int | None, page: int
) -> list[Watch]:
    """One page of the Diary, newest first, each watch with its movie."""
    return _service.diary(year, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)


@st.cache_data(max_entries=16, show_spinner=False)
def diary_statistics(_service: MovieService, key: int, version: int) -> reports.DiaryStatistics:
    return _service.diary_statistics()


@st.cache_data(max_entries=64, show_spinner=False)
def year_in_review(
    _service: MovieService, key: int, version: int, year: int
) -> reports.YearInReview:
    return _service.year_in_review(year)


# -- lists and the watchlist's order ---------------------------------------------------------


@st.cache_data(max_entries=64, show_spinner=False)
def lists(_service: MovieService, key: int, version: int) -> list[MovieList]:
    return _service.lists()


@st.cache_data(max_entries=256, show_spinner=False)
def list_entries(
    _service: MovieService, key: int, version: int, list_id: int
) -> tuple[MovieList, list[ListEntry]] | None:
    """The list and its films in order; None when there is no such list (any more)."""
    try:
        return _service.get_list(list_id), _service.list_entries(list_id)
    except UnknownListError:
        return None


@st.cache_data(max_entries=256, show_spinner=False)
def lists_of_movie(
    _service: MovieService, key: int, version: int, movie_id: int
) -> list[MovieList]:
    return _service.lists_of_movie(movie_id)


@st.cache_data(max_entries=256, show_spinner=False)
def watchlist_place(
    _service: MovieService, key: int, version: int, movie_id: int
) -> tuple[int, int] | None:
    return _service.watchlist_place(movie_id)
