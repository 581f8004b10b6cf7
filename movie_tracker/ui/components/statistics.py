"""Render helpers for Statistics: metrics, Altair charts and the year in review.

Each takes plain data (reports' dataclasses, (label, count) pairs) and draws it; none
touches the service or the database. Charts stretch to the column they are in, so they fit
a phone's 390 px as well as a desktop; long labels go on horizontal bars.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from movie_tracker.models import stars
from movie_tracker.reports import DiaryMoment, DiaryStatistics, StatusCounts, YearInReview
from movie_tracker.ui import frames, text
from movie_tracker.ui.text import escape_markdown
from movie_tracker.ui.widgets import movie_link

YEAR_KEY = "review_year"
MOVIES, WATCHES = "Movies", "Watches"


# -- the library -------------------------------------------------------------------------


def status_metrics(counts: StatusCounts) -> None:
    total, watched, wanted = st.columns(3)
    total.metric("Total", counts.total)
    watched.metric("Watched", counts.watched)
    wanted.metric("Want to Watch", counts.want_to_watch)


def bar_chart(
    pairs: Sequence[tuple[str, int]],
    label: str,
    title: str,
    horizontal: bool,
    counted: str = MOVIES,
) -> None:
    """A bar chart of (label, count) pairs in the order given, as wide as its column."""
    data = _counts(pairs, label, counted)
    order = [name for name, _ in pairs]
    category = alt.Y if horizontal else alt.X
    value = alt.X if horizontal else alt.Y
    chart = (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            category(f"{label}:N", sort=order, title=label, axis=_category_axis(horizontal)),
            value(f"{counted}:Q", title=counted, axis=alt.Axis(tickMinStep=1)),
            tooltip=[alt.Tooltip(f"{label}:N"), alt.Tooltip(f"{counted}:Q")],
        )
    )
    st.altair_chart(chart, width="stretch")


def _category_axis(horizontal: bool) -> alt.Axis:
    """Horizontal bars keep long names whole; upright bars keep short labels level."""
    if horizontal:
        return alt.Axis(labelLimit=200)
    return alt.Axis(labelAngle=0, labelOverlap=True)


def _counts(pairs: Sequence[tuple[str, int]], label: str, counted: str) -> pd.DataFrame:
    """(label, count) pairs as a frame whose count column says what was counted."""
    return frames.counts_frame(pairs, label).rename(columns={MOVIES: counted})


def empty_statistics(add_page: st.Page) -> None:
    st.info(
        "No statistics yet: your library is empty. Add a few movies and this page will "
        "count them by status, genre, decade and the month you watched them."
    )
    st.page_link(add_page, label="Add movie", icon=":material/add_circle:")


# -- the diary ---------------------------------------------------------------------------


def diary_metrics(diary: DiaryStatistics) -> None:
    """How many watches, and the hours they add up to (watches without a runtime aside)."""
    watches, hours = st.columns(2)
    watches.metric("Watches", diary.watches)
    hours.metric(
        "Hours watched",
        f"{diary.hours_watched:g}",
        help=text.without_runtime(diary.watches_without_runtime),
    )
    if diary.watches_without_runtime:
        st.caption(text.without_runtime(diary.watches_without_runtime))


def top_chart(pairs: Sequence[tuple[str, int]], label: str, title: str) -> None:
    """The most-watched names as horizontal bars; a line saying so when none is known."""
    if not pairs:
        st.caption(f"{title}: none known yet. Movies added from OMDb bring their {label.lower()}s.")
        return
    bar_chart(pairs, label, title, horizontal=True, counted=WATCHES)


def month_chart(months: Sequence[tuple[str, int]], title: str) -> None:
    """Watches per month ("2026-11") on a time axis: Vega thins its labels to the width,
    so years of months stay readable on a phone. Undated watches are not on it, nor those
    dated only to a year."""
    if not months:
        st.caption(f"{title}: none of your watches is dated to a month or a day yet.")
        return
    data = _counts(months, "Month", WATCHES)
    chart = (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            alt.X(
                "Month:T",
                timeUnit="utcyearmonth",
                title="Month watched",
                axis=alt.Axis(format="%b %Y", labelOverlap=True),
            ),
            alt.Y(f"{WATCHES}:Q", title=WATCHES, axis=alt.Axis(tickMinStep=1)),
            tooltip=[
                alt.Tooltip("Month:T", timeUnit="utcyearmonth", format="%b %Y"),
                alt.Tooltip(f"{WATCHES}:Q"),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")


def rating_chart(distribution: Sequence[tuple[float, int]], title: str) -> None:
    """Your ratings, every half star from 0.5 to 5, zeros included."""
    pairs = [(text.stars_label(rating), count) for rating, count in distribution]
    bar_chart(pairs, "Stars", title, horizontal=False)


def no_ratings() -> None:
    st.info("No ratings yet. Rate a movie in the Library and this page will chart your stars.")


def empty_diary_statistics() -> None:
    st.info(
        "No watches in your diary yet. In the Library, open a movie and choose Log a watch: "
        "this page will then chart your watches by month, hours, directors and genres, "
        "and review your year."
    )


# -- the year in review ------------------------------------------------------------------


def year_picker(years: Sequence[int]) -> int:
    """The year to review, newest first."""
    year: int = st.selectbox("Year", list(years), key=YEAR_KEY)
    return year


def year_in_review(review: YearInReview, library_page: st.Page) -> None:
    """The year's counts as metrics, then its best rated, first and last watches, each a
    link to the movie in the Library."""
    films, rewatches, hours, busiest = st.columns(4)
    films.metric("Films", review.films, help=f"{text.watch_count(review.watches)} in all")
    rewatches.metric("Rewatches", review.rewatches)
    hours.metric(
        "Hours",
        f"{review.hours_watched:g}",
        help=text.without_runtime(review.watches_without_runtime),
    )
    if review.busiest_month is not None:
        month, count = review.busiest_month
        busiest.metric("Busiest month", text.month_label(month), help=text.watch_count(count))
    if review.highest_rated:
        st.markdown("**Highest rated**")
        for movie in review.highest_rated:
            label = f"{escape_markdown(movie.label)} {stars(movie.rating)}"
            movie_link(library_page, movie.movie_id, label)
    for name, moment in (("First watch", review.first_watch), ("Last watch", review.last_watch)):
        if moment is not None:
            _moment(name, moment, library_page)


def _moment(name: str, moment: DiaryMoment, library_page: st.Page) -> None:
    st.markdown(f"**{name}**, {text.watched_on(moment.when)}")
    movie_link(library_page, moment.movie_id, escape_markdown(moment.label))


def no_dated_watches() -> None:
    st.info("Your watches have no dates yet. Give a watch its date to see its year in review.")
