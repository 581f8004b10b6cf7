"""Library: the movies, a page at a time, with filters; change a movie's status or delete it."""

from __future__ import annotations

import math
from collections.abc import Mapping

import streamlit as st

from movie_tracker.db import StorageError
from movie_tracker.models import ValidationError
from movie_tracker.service import MovieService, UnknownMovieError
from movie_tracker.ui import data, widgets

PAGE = "library"
TABLE_PAGE = "library_page"
PENDING_DELETE = "library_pending_delete"


def render(service: MovieService, add_page) -> None:
    st.title("Library")
    widgets.show_flash(PAGE)
    key = data.service_key(service)
    version = service.library_version()
    total = data.count_movies(service, key, version, "All", "")
    if total == 0:
        widgets.empty_library(add_page)
        return

    status, words = widgets.library_filters(TABLE_PAGE)
    matching = data.count_movies(service, key, version, status, words)
    if matching == 0:
        widgets.no_matches()
    else:
        page = widgets.pager(TABLE_PAGE, math.ceil(matching / data.PAGE_SIZE))
        frame = data.library_page(service, key, version, status, words, page)
        widgets.library_table(frame, (page - 1) * data.PAGE_SIZE + 1, matching, total)

    st.subheader("Manage a movie")
    labels = data.movie_labels(service, key, version)
    _manage(service, widgets.manage_movie(labels), labels)


def _manage(service: MovieService, entered: widgets.ManageInput, labels: Mapping[int, str]) -> None:
    state = st.session_state
    if entered.command == "update":
        state.pop(PENDING_DELETE, None)
        try:
            change = service.change_status(entered.movie_id, entered.new_status)
        except (UnknownMovieError, StorageError, ValidationError) as error:
            st.error(str(error))
        else:
            if not change.changed:
                st.info(f"{change.movie.label} is already marked {change.movie.status.value}.")
                return
            widgets.flash(
                PAGE, "success", f"Marked {change.movie.label} as {change.movie.status.value}."
            )
            st.rerun()
    elif entered.command == "delete":
        state[PENDING_DELETE] = entered.movie_id

    pending = state.get(PENDING_DELETE)
    if pending is None:
        return
    if pending != entered.movie_id or pending not in labels:
        state.pop(PENDING_DELETE)  # another movie was picked, or it is gone
        return
    answer = widgets.confirm_delete(labels[pending])
    if answer is None:
        return
    state.pop(PENDING_DELETE)
    if answer == "confirm":
        try:
            deleted = service.delete_movie(pending)
        except (UnknownMovieError, StorageError) as error:
            st.error(str(error))
            return
        widgets.flash(PAGE, "success", f"Deleted {deleted.label} from your library.")
    st.rerun()
