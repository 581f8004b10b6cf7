"""Statistics (the seed's Data Analyzer): counts per status, genre, decade and month."""

from __future__ import annotations

import streamlit as st

from movie_tracker.service import MovieService
from movie_tracker.ui import data, widgets


def render(service: MovieService, add_page: st.Page) -> None:
    st.title("Statistics")
    stats = data.statistics(service, data.service_key(service), service.library_version())
    if stats.is_empty:
        widgets.empty_statistics(add_page)
        return
    widgets.status_metrics(stats.counts)
    genre_column, decade_column = st.columns(2)
    with genre_column:
        widgets.bar_chart(stats.by_genre, "Genre", "Movies by genre", horizontal=True)
    with decade_column:
        widgets.bar_chart(stats.by_decade, "Decade", "Movies by decade", horizontal=False)
    if stats.watched_by_month:
        widgets.bar_chart(
            stats.watched_by_month, "Month", "Watched movies per month", horizontal=False
        )
    else:
        st.info(
            "No watched movies yet. Mark a movie as Watched in the Library and this page "
            "will chart the months you watched them."
        )
