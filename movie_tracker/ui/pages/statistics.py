"""Statistics (the seed's Data Analyzer): the library by status, genre and decade; the
diary by month, hours, ratings, directors and genres; and a year in review."""

from __future__ import annotations

import streamlit as st

from movie_tracker.service import MovieService
from movie_tracker.ui import data
from movie_tracker.ui.components import statistics as charts


def render(service: MovieService, add_page: st.Page, library_page: st.Page) -> None:
    st.title("Statistics")
    key, version = data.service_key(service), service.library_version()
    stats = data.statistics(service, key, version)
    if stats.is_empty:
        charts.empty_statistics(add_page)
        return
    charts.status_metrics(stats.counts)
    genre_column, decade_column = st.columns(2)
    with genre_column:
        charts.bar_chart(stats.by_genre, "Genre", "Movies by genre", horizontal=True)
    with decade_column:
        charts.bar_chart(stats.by_decade, "Decade", "Movies by decade", horizontal=False)
    st.header("Your diary")
    if _diary(service, key, version):
        _year_in_review(service, key, version, library_page)


def _diary(service: MovieService, key: int, version: int) -> bool:
    """The diary's charts; False (and how to log a watch) when it has none."""
    diary = data.diary_statistics(service, key, version)
    if diary.is_empty:
        charts.empty_diary_statistics()
        return False
    charts.diary_metrics(diary)
    charts.month_chart(diary.watches_by_month, "Watches per month")
    directors_column, genres_column = st.columns(2)
    with directors_column:
        charts.top_chart(diary.top_directors, "Director", "Top directors")
    with genres_column:
        charts.top_chart(diary.top_genres, "Genre", "Top genres by watches")
    if diary.rated_movies:
        charts.rating_chart(diary.rating_distribution, "Your ratings")
    else:
        charts.no_ratings()
    return True


def _year_in_review(service: MovieService, key: int, version: int, library_page: st.Page) -> None:
    st.header("Year in review")
    years = data.diary_years(service, key, version)
    if not years:
        charts.no_dated_watches()
        return
    year = charts.year_picker(years)
    charts.year_in_review(data.year_in_review(service, key, version, year), library_page)
