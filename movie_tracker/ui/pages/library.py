"""Library: the movies, a page at a time, with filters; change a movie's status or delete it."""

from __future__ import annotations

import math
from collections.abc import Mapping

import streamlit as st

from movie_tracker.db import StorageError
from movie_tracker.models import ValidationError
from movie_tracker.service import MovieService, UnknownMovieError
from movie_tracker.ui import data, text, widgets

PAGE = "library"
TABLE_PAGE = "library_page"
PENDING_DELETE = "library_pending_delete"


def render(service: MovieService, add_page: st.Page) -> None:
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

    st.header("Manage a movie")
    labels = data.movie_labels(service, key, version)
    _manage(service, widgets.manage_movie(labels), labels)


def _manage(service: MovieService, entered: widgets.ManageInput, labels: Mapping[int, str]) -> None:
    """Act on the movie the person saw picked, by id; if it is gone, say so and change nothing."""
    state = st.session_state
    if entered.movie_id not in labels:  # deleted in another tab or session since they picked it
        state.pop(PENDING_DELETE, None)
        st.error(text.movie_gone(entered.label))
        return
    if entered.command == "update":
        state.pop(PENDING_DELETE, None)
        _update(service, entered)
        return
    if entered.command == "delete":
        state[PENDING_DELETE] = entered.movie_id
    pending = state.get(PENDING_DELETE)
    if pending is None:
        return
    if pending != entered.movie_id:
        state.pop(PENDING_DELETE)  # another movie was picked
        return
    answer = widgets.confirm_delete(entered.label)
    if answer is None:
        return
    state.pop(PENDING_DELETE)
    if answer == "confirm" and not _delete(service, entered):
        return
    st.rerun()


def _update(service: MovieService, entered: widgets.ManageInput) -> None:
    try:
        change = service.change_status(entered.movie_id, entered.new_status)
    except UnknownMovieError:
        st.error(text.movie_gone(entered.label))
    except (StorageError, ValidationError) as error:
        st.error(str(error))
    else:
        if not change.changed:
            st.info(f"{change.movie.label} is already marked {change.movie.status.value}.")
            return
        widgets.flash(
            PAGE, "success", f"Marked {change.movie.label} as {change.movie.status.value}."
        )
        st.rerun()


def _delete(service: MovieService, entered: widgets.ManageInput) -> bool:
    """Delete the movie; False (and why) when it could not be."""
    try:
        deleted = service.delete_movie(entered.movie_id)
    except UnknownMovieError:
        st.error(text.movie_gone(entered.label))
        return False
    except StorageError as error:
        st.error(str(error))
        return False
    widgets.flash(PAGE, "success", f"Deleted {deleted.label} from your library.")
    return True
