"""Library: the movies a page at a time, filtered and sorted from the URL, as a table or a
grid; click one to open it (?movie=<id>) and act on it there: log a watch, rate it, change
its status, edit its details, delete it, and edit or delete its diary entries."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TypeVar

import streamlit as st

from movie_tracker.models import Movie, ValidationError, stars
from movie_tracker.service import (
    SORT_ADDED,
    MovieService,
    StorageError,
    UnknownMovieError,
    UnknownWatchError,
)
from movie_tracker.ui import data, state, text, widgets
from movie_tracker.ui.components import library
from movie_tracker.ui.components import movie as movie_view
from movie_tracker.ui.pages import lists as film_lists

T = TypeVar("T")
FLASH = state.FLASH_PAGE


def render(service: MovieService, add_page: st.Page, lists_page: st.Page | None = None) -> None:
    raw_id = st.query_params.get(state.MOVIE)
    if raw_id is None:
        _library(service, add_page)
    else:
        _movie(service, raw_id, lists_page or add_page)


# -- the list ----------------------------------------------------------------------------


def _library(service: MovieService, add_page: st.Page) -> None:
    st.title("Library")
    widgets.show_flash(FLASH)
    key, version = data.service_key(service), service.library_version()
    total = data.count_movies(service, key, version)
    if total == 0:
        library.empty_library(add_page)
        return
    phone = state.is_phone(st.context.headers)  # a phone opens the grid
    query = library.filters(
        state.library_query(st.query_params, phone),
        data.genres(service, key, version),
        data.decades(service, key, version),
        phone,
    )
    counted = replace(query, sort=SORT_ADDED, grid=False, page=1)  # what the count depends on
    matching = data.count_movies(service, key, version, counted)
    if matching == 0:
        library.no_matches()
        return
    page_count = math.ceil(matching / data.PAGE_SIZE)
    grid = query.grid
    query = replace(query, grid=False, page=min(query.page, page_count))  # one cache entry
    movies = data.library_movies(service, key, version, query)
    library.showing((query.page - 1) * data.PAGE_SIZE + 1, len(movies), matching, total)
    if grid:
        picked = library.library_grid(movies)
        if picked is not None:
            _rate(service, picked.movie_id, picked.label, picked.rating)
    else:
        frame = data.library_page(service, key, version, query)
        library.library_table(frame, [movie.id or 0 for movie in movies])
    library.pager(query.page, page_count)


# -- one movie ---------------------------------------------------------------------------


def _movie(service: MovieService, raw_id: str, lists_page: st.Page) -> None:
    movie_id = state.movie_id(raw_id)
    key, version = data.service_key(service), service.library_version()
    movie = data.movie(service, key, version, movie_id) if movie_id else None
    if movie is None:
        _not_found(raw_id, movie_id)
        return
    st.session_state[state.MOVIE_SHOWN] = (movie.id, movie.label)
    if movie_view.back_to_library():
        _back_to_library()
    widgets.show_flash(FLASH)
    movie_view.details(movie)
    film_lists.watchlist_order(service, movie)
    today = service.today()  # the person's date, in their browser's timezone
    watches = data.watches(service, key, version, movie.id or 0)
    entry = movie_view.diary_entries(
        watches,
        today,
        st.session_state.get(state.PENDING_ENTRY_DELETE),
    )
    if entry is not None:
        _act_on_entry(service, movie, entry)
    _actions(service, movie, today, lists_page, logged_before=bool(watches))


def _not_found(raw_id: str, movie_id: int | None) -> None:
    """An unknown id, or the movie this tab showed and another deleted: say so, change
    nothing, and offer the way back."""
    st.session_state.pop(state.PENDING_DELETE, None)
    shown = st.session_state.get(state.MOVIE_SHOWN)
    if shown and shown[0] == movie_id:
        message = text.movie_gone(shown[1])
    else:
        message = text.movie_not_found(raw_id)
    if movie_view.not_found(message):
        _back_to_library()


def _back_to_library() -> None:
    st.query_params.pop(state.MOVIE, None)
    st.rerun()


def _actions(
    service: MovieService, movie: Movie, today: date, lists_page: st.Page, *, logged_before: bool
) -> None:
    st.subheader("Act on this movie")
    log, rate, status, listed, edit, delete = st.tabs(
        ["Log a watch", "Rate", "Change status", "Add to list", "Edit details", "Delete"]
    )
    with listed:
        film_lists.film_lists(service, movie, lists_page)
    with log:
        if st.session_state.pop(state.CLEAR_LOG_FORM, False):
            for form_key in movie_view.LOG_KEYS:
                st.session_state.pop(form_key, None)
        entered = movie_view.watch_form(
            "log_watch", None, today, "Log watch", rewatch=logged_before
        )
        if entered is not None:
            _log_watch(service, movie, entered)
    with rate:
        chosen = movie_view.rate_form(movie)
        if chosen is not None:
            _rate(service, movie.id or 0, movie.label, chosen[1])
    with status:
        new_status = movie_view.status_form(movie)
        if new_status is not None:
            _change_status(service, movie, new_status)
    with edit:
        details = movie_view.edit_form(movie)
        if details is not None:
            _edit(service, movie, details)
    with delete:
        _delete(service, movie)


def _attempt(label: str, change: Callable[[], T]) -> T | None:
    """Make the change; when it cannot be made, say why (naming what to change) and
    return None. A movie gone meanwhile is left gone: nothing else is changed."""
    try:
        return change()
    except UnknownMovieError:
        st.error(text.movie_gone(label))
    except (UnknownWatchError, ValidationError, StorageError) as error:
        st.error(text.escape_markdown(str(error)))
    return None


def _done(message: str) -> None:
    widgets.flash(FLASH, "success", message)
    st.rerun()


def _log_watch(service: MovieService, movie: Movie, entered: movie_view.WatchInput) -> None:
    watch = _attempt(
        movie.label,
        lambda: service.log_watch(
            movie.id or 0,
            entered.watched_on,
            entered.rating,
            entered.review,
            entered.tags,
            seen_before=entered.seen_before,
        ),
    )
    if watch is not None:
        st.session_state[state.CLEAR_LOG_FORM] = True
        rated = f", rated {stars(watch.rating)}" if watch.rating is not None else ""
        _done(f"Logged a watch of {movie.label}{rated}.")


def _rate(service: MovieService, movie_id: int, label: str, rating: float | None) -> None:
    if _attempt(label, lambda: service.rate_movie(movie_id, rating)) is not None:
        _done(text.rated_message(label, rating))


def _change_status(service: MovieService, movie: Movie, new_status: str) -> None:
    change = _attempt(movie.label, lambda: service.change_status(movie.id or 0, new_status))
    if change is None:
        return
    if not change.changed:
        st.info(text.escape_markdown(f"{movie.label} is already marked {movie.status.value}."))
        return
    _done(f"Marked {movie.label} as {change.movie.status.value}.")


def _edit(service: MovieService, movie: Movie, entered: movie_view.DetailsInput) -> None:
    edited = _attempt(
        movie.label,
        lambda: service.edit_movie(
            movie.id or 0,
            title=entered.title,
            year=entered.year,
            director=entered.director,
            genre=entered.genre,
        ),
    )
    if edited is not None:
        _done(f"Saved the details of {edited.label}.")


def _delete(service: MovieService, movie: Movie) -> None:
    """Delete needs a second click; the question is withdrawn on Cancel."""
    if movie_view.delete_button():
        st.session_state[state.PENDING_DELETE] = movie.id
    if st.session_state.get(state.PENDING_DELETE) != movie.id:
        return
    answer = movie_view.confirm_delete(movie.label)
    if answer is None:
        return
    st.session_state.pop(state.PENDING_DELETE)
    if answer == "cancel":
        st.rerun()
    if _attempt(movie.label, lambda: service.delete_movie(movie.id or 0)) is not None:
        st.query_params.pop(state.MOVIE, None)
        _done(f"Deleted {movie.label} from your library.")


def _act_on_entry(service: MovieService, movie: Movie, action: movie_view.EntryAction) -> None:
    """Save an entry, or delete it after a second click (as a movie is), Cancel withdrawing
    the question."""
    entered = action.entered
    if entered is None:
        if action.delete == "ask":
            st.session_state[state.PENDING_ENTRY_DELETE] = action.watch_id
            return
        st.session_state.pop(state.PENDING_ENTRY_DELETE, None)
        if action.delete == "cancel":
            st.rerun()
        if _attempt(movie.label, lambda: service.delete_watch(action.watch_id)) is not None:
            _done(f"Deleted a diary entry for {movie.label}.")
        return
    saved = _attempt(
        movie.label,
        lambda: service.update_watch(
            action.watch_id,
            watched_on=entered.watched_on,
            rating=entered.rating,
            review=entered.review,
            tags=entered.tags,
        ),
    )
    if saved is not None:
        _done(f"Saved the diary entry for {movie.label}.")
