"""Lists: your lists, and each list at its own address (?list=<id>) with its films in order
as a table or a grid, its runtime and how many you have watched; arrange it (move a film up,
down, to the top or to a typed position), change a note, take a film out, rename, describe
or delete it; share it (a read-only link: ui/pages/share_links.py). From a film's page in
the Library: "Add to list" and its place in the watchlist's order (`film_lists` and
`watchlist_order`, which the Library calls)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from movie_tracker.models import Movie, MovieList, Status, ValidationError
from movie_tracker.service import MovieService, StorageError, UnknownListError
from movie_tracker.ui import data, state, widgets
from movie_tracker.ui.components import lists
from movie_tracker.ui.pages import share_links
from movie_tracker.ui.text import escape_markdown

T = TypeVar("T")
FLASH = "lists"


def render(service: MovieService, library_page: st.Page) -> None:
    raw_id = st.query_params.get(state.LIST)
    if raw_id is None:
        _your_lists(service)
    else:
        _one_list(service, raw_id, library_page)


def _your_lists(service: MovieService) -> None:
    st.title("Lists")
    st.caption(
        "Keep films together: a list each for a theme, a festival, a friend. A film can be "
        "in any number of lists, each time with a note."
    )
    widgets.show_flash(FLASH)
    made = lists.new_list_form()
    if made is not None:
        created = _attempt(lambda: service.create_list(made.name, made.description))
        if created is not None:
            st.session_state[lists.CLEAR_NEW_LIST] = True
            lists.open_list(created.id)
            _done(f"Made the list “{created.name}”. Add films to it from their pages.")
    st.header("Your lists")
    kept = data.lists(service, data.service_key(service), service.library_version())
    if not kept:
        lists.no_lists()
        return
    lists.list_index(kept)


def _one_list(service: MovieService, raw_id: str, library_page: st.Page) -> None:
    list_id = state.movie_id(raw_id)  # the same rule: a positive whole number
    key, version = data.service_key(service), service.library_version()
    found = data.list_entries(service, key, version, list_id) if list_id else None
    if found is None:
        if lists.not_found(str(UnknownListError(raw_id))):
            _back()
        return
    kept, entries = found
    if lists.back_to_lists():
        _back()
    widgets.show_flash(FLASH)
    lists.header(kept)
    grid = lists.grid_toggle()
    if not entries:
        lists.empty_list(library_page)
    elif grid:
        lists.entries_grid(entries, library_page)
    else:
        lists.entries_table(entries)
    if entries:
        action = lists.arrange(kept, entries, library_page)
        if action is not None:
            _arrange(service, kept, action)
    edited = lists.edit_form(kept)
    if edited is not None:
        _edit(service, kept, edited)
    share_links.for_list(service, kept, FLASH)
    _delete(service, kept)


def _back() -> None:
    st.query_params.pop(state.LIST, None)
    st.query_params.pop(state.VIEW, None)
    st.rerun()


def _attempt(change: Callable[[], T]) -> T | None:
    """Make the change; when it cannot be made, say why (what to change, or what is gone)."""
    try:
        return change()
    except (ValidationError, LookupError, StorageError) as error:
        st.error(escape_markdown(str(error)))
    return None


def _done(message: str, page: str = FLASH) -> None:
    widgets.flash(page, "success", message)
    st.rerun()


def _arrange(service: MovieService, kept: MovieList, action: lists.Arrangement) -> None:
    if action.kind == "move":
        moved = _attempt(lambda: service.move_in_list(kept.id, action.movie_id, action.position))
        if moved is not None:
            _done(f"Moved {action.label} to number {moved.position} in “{kept.name}”.")
    elif action.kind == "note":
        if (
            _attempt(lambda: service.set_list_note(kept.id, action.movie_id, action.note))
            is not None
        ):
            _done(f"Saved the note on {action.label} in “{kept.name}”.")
    elif _attempt(lambda: service.remove_from_list(kept.id, action.movie_id)) is not None:
        _done(f"Took {action.label} out of “{kept.name}”; it stays in your library.")


def _edit(service: MovieService, kept: MovieList, edited: lists.ListInput) -> None:
    def change() -> MovieList:
        service.rename_list(kept.id, edited.name)
        return service.describe_list(kept.id, edited.description)

    saved = _attempt(change)
    if saved is not None:
        _done(f"Saved the list “{saved.name}”.")


def _delete(service: MovieService, kept: MovieList) -> None:
    """Delete needs a second click; the question is withdrawn on Cancel."""
    if lists.delete_button(kept):
        st.session_state[lists.PENDING_DELETE] = kept.id
    if st.session_state.get(lists.PENDING_DELETE) != kept.id:
        return
    answer = lists.confirm_delete(kept)
    if answer is None:
        return
    st.session_state.pop(lists.PENDING_DELETE)
    if answer == "cancel":
        st.rerun()
    if _attempt(lambda: service.delete_list(kept.id)) is not None:
        st.query_params.pop(state.LIST, None)
        _done(f"Deleted the list “{kept.name}”; its films stay in your library.")


# -- on a film's page, in the Library -------------------------------------------------------


def film_lists(service: MovieService, movie: Movie, lists_page: st.Page) -> None:
    """The "Add to list" tab of a film's page."""
    key, version = data.service_key(service), service.library_version()
    holding = data.lists_of_movie(service, key, version, movie.id or 0)
    held = {kept.id for kept in holding}
    others = [kept for kept in data.lists(service, key, version) if kept.id not in held]
    chosen = lists.add_to_list_form(movie, holding, others, lists_page)
    if chosen is None:
        return
    list_id, note = chosen
    entry = _attempt(lambda: service.add_to_list(list_id, movie.id or 0, note))
    if entry is not None:
        name = next(kept.name for kept in others if kept.id == list_id)
        _done(f"Added {movie.label} to “{name}”, number {entry.position}.", state.FLASH_PAGE)


def watchlist_order(service: MovieService, movie: Movie) -> None:
    """A film you want to watch: its place in your order, and the buttons that move it."""
    if movie.status is not Status.WANT_TO_WATCH:
        return
    key, version = data.service_key(service), service.library_version()
    place = data.watchlist_place(service, key, version, movie.id or 0)
    if place is None:
        return
    moved = lists.watchlist_order(movie, *place)
    if moved is None:
        return
    placed = _attempt(lambda: service.move_in_watchlist(movie.id or 0, moved))
    if placed is not None:
        message = f"Moved {movie.label} to number {placed} in your watchlist's order."
        _done(message, state.FLASH_PAGE)
