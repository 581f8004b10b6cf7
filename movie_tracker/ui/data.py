"""Reads the pages cache until the library changes.

Every cached function is keyed on `service.library_version()` (the newest event's id, which
every add, status change and delete moves in the same transaction), so a warm rerun reuses
the counts, the page of movies and its dataframe, and any write, from any session or
process, is seen on the next run. `_service` is left out of the hash (it is not hashable);
`service_key` stands for it so two services in one process never share entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd
import streamlit as st

from movie_tracker import reports
from movie_tracker.models import Watch
from movie_tracker.service import MovieService
from movie_tracker.ui import frames

PAGE_SIZE = 50


def service_key(service: MovieService) -> int:
    return id(service)


@st.cache_data(max_entries=256, show_spinner=False)
def count_movies(_service: MovieService, key: int, version: int, status: str, text: str) -> int:
    return _service.count_movies(status, text)


@st.cache_data(max_entries=256, show_spinner=False)
def library_page(
    _service: MovieService, key: int, version: int, status: str, text: str, page: int
) -> pd.DataFrame:
    """One page of the Library table, built once per change of the library or the filters."""
    movies = _service.list_movies(status, text, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return frames.movies_frame(movies)


@st.cache_resource(max_entries=8, show_spinner=False)
def movie_labels(_service: MovieService, key: int, version: int) -> Mapping[int, str]:
    """{id: "Title (Year)"} for the "Movie" picker, newest first.

    A resource, not data: st.cache_data would unpickle a copy of 10,000 labels on every
    rerun. Every session shares this one read-only mapping until the library changes.
    """
    return MappingProxyType(dict(_service.movie_choices()))


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
