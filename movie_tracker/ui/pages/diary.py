"""Diary: your watches, newest first, a page at a time, grouped by year; filter by year."""

from __future__ import annotations

import math

import streamlit as st

from movie_tracker.service import MovieService
from movie_tracker.ui import data, widgets
from movie_tracker.ui.components import diary


def render(service: MovieService, library_page: st.Page) -> None:
    st.title("Diary")
    key = data.service_key(service)
    version = service.library_version()
    if data.count_diary(service, key, version, None) == 0:
        diary.empty_diary(library_page)
        return
    year = diary.year_filter(data.diary_years(service, key, version), diary.PAGE_KEY)
    total = data.count_diary(service, key, version, year)
    page = widgets.pager(diary.PAGE_KEY, math.ceil(total / data.PAGE_SIZE))
    watches = data.diary_page(service, key, version, year, page)
    diary.diary_caption((page - 1) * data.PAGE_SIZE + 1, len(watches), total)
    diary.diary_entries(watches, library_page)
