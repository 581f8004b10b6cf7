"""Render helpers for the Diary: the year filter, the entries grouped by year, the empty
diary. Each takes plain data (watches with their movies) and draws it; none touches the
service or the database.

A review is shown as written (ui/reviews.py): Letterboxd's few formatting tags (bold,
italics, http(s) links, block quotes, line breaks) as formatting, and everything else as
typed, so "**x**" or "<u>" in it shows as it is; never as HTML.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

import streamlit as st

from movie_tracker.models import Watch, stars
from movie_tracker.ui import text
from movie_tracker.ui.reviews import review_markdown
from movie_tracker.ui.text import escape_markdown
from movie_tracker.ui.widgets import movie_link

YEAR_KEY = "diary_year"
PAGE_KEY = "diary_page"
ALL_YEARS = "All years"
YEAR_UNKNOWN = "Year unknown"
REWATCH = "↻ Rewatch"


def empty_diary(library_page: st.Page) -> None:
    st.info(
        "Your diary is empty. To log a watch, open a movie in the Library and choose "
        "Log a watch: it shows up here with its date, stars and review."
    )
    st.page_link(library_page, label="Library", icon=":material/video_library:")


def year_filter(years: Sequence[int], on_change_page_key: str) -> int | None:
    """The year to show (newest first), or None for every year. A new year starts on page 1."""
    options: list[str | int] = [ALL_YEARS, *years]
    choice = st.selectbox(
        "Year",
        options,
        key=YEAR_KEY,
        on_change=_first_page,
        args=(on_change_page_key,),
    )
    return None if choice == ALL_YEARS else int(choice)


def _first_page(key: str) -> None:
    st.session_state[key] = 1


def diary_caption(first: int, shown: int, total: int) -> None:
    st.caption(text.watches_shown(first, first + shown - 1, total))


def diary_entries(watches: Sequence[Watch], library_page: st.Page) -> None:
    """The watches in the order given, under a heading per year."""
    for year, entries in _by_year(watches):
        st.header(year)
        for watch in entries:
            diary_entry(watch, library_page)


def _by_year(watches: Sequence[Watch]) -> Iterator[tuple[str, list[Watch]]]:
    def year(watch: Watch) -> str:
        return str(watch.watched_on.year) if watch.watched_on else YEAR_UNKNOWN

    for heading, entries in groupby(watches, key=year):
        yield heading, list(entries)


def diary_entry(watch: Watch, library_page: st.Page) -> None:
    """Date, movie (a link to it in the Library), stars, rewatch mark, review start, tags."""
    with st.container(border=True):
        about = [text.watched_on(watch.when), stars(watch.rating)]
        if watch.rewatch:
            about.append(REWATCH)
        st.caption(" · ".join(part for part in about if part))
        if watch.movie is not None:
            movie_link(library_page, watch.movie_id, escape_markdown(watch.movie.label))
        if watch.review:
            st.markdown(review_markdown(watch.review, text.REVIEW_START_LENGTH))
        if watch.tags:
            st.caption("Tags: " + ", ".join(escape_markdown(tag) for tag in watch.tags))
