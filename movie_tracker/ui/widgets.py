"""Render helpers: each takes plain data, draws it, and returns what the user entered.

None of them touches the service, the database or the network; the pages do that with
what these return.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import streamlit as st

from movie_tracker.models import SearchPage, Status
from movie_tracker.ui.text import escape_markdown

STATUS_OPTIONS = [Status.WANT_TO_WATCH.value, Status.WATCHED.value]
FILTER_OPTIONS = ["All", Status.WATCHED.value, Status.WANT_TO_WATCH.value]
FlashKind = Literal["success", "info", "warning", "error"]

# Widget keys, so pages can reset them and tests can find them.
TITLE_KEY = "add_title"
STATUS_KEY = "add_status"
LOOKUP_KEY = "add_lookup"
SEARCH_KEY = "omdb_query"
SEARCH_STATUS_KEY = "omdb_status"
FILTER_STATUS_KEY = "library_status"
FILTER_TEXT_KEY = "library_text"
MOVIE_KEY = "manage_movie"
NEW_STATUS_KEY = "manage_status"
MOVIE_SHOWN_KEY = "manage_movie_shown"  # (id, label) the picker showed on the last run


@dataclass(frozen=True)
class AddInput:
    title: str
    status: str
    lookup: str = ""


@dataclass(frozen=True)
class ManageInput:
    """The movie the person saw picked under "Manage a movie" (its id and its label then),
    the new status, and the button pressed (if any)."""

    movie_id: int
    label: str
    new_status: str
    command: Literal["update", "delete"] | None = None


# -- messages that survive a rerun ------------------------------------------------------


def flash(page: str, kind: FlashKind, message: str) -> None:
    """Show `message` on `page`'s next run (the page reruns after a change)."""
    st.session_state[f"flash_{page}"] = (kind, message)


def show_flash(page: str) -> None:
    stored = st.session_state.pop(f"flash_{page}", None)
    if stored is not None:
        kind, message = stored
        getattr(st, kind)(message)


# -- Add movie ---------------------------------------------------------------------------


def add_movie_form(lookups_enabled: bool, lookups_hint: str) -> AddInput | None:
    """The seed's form. Returns what was typed when "Add Movie" is pressed, else None.

    No clear_on_submit: the input must stay when adding fails. The page resets the keys
    (reset_add_form) after a success.
    """
    with st.form("add_movie", border=True):
        title = st.text_input("Movie Title", key=TITLE_KEY, placeholder="e.g. Heat")
        status = st.selectbox("Status", STATUS_OPTIONS, key=STATUS_KEY)
        lookup = st.text_input(
            "OMDb lookup (title or IMDb ID)",
            key=LOOKUP_KEY,
            placeholder="Heat 1995 or tt0113277" if lookups_enabled else "Lookups are off",
            disabled=not lookups_enabled,
            help="Fills in year, director, genre and poster from OMDb. Optional.",
        )
        if not lookups_enabled:
            st.caption(lookups_hint)
        submitted = st.form_submit_button("Add Movie", type="primary")
    if not submitted:
        return None
    return AddInput(
        title=title or "", status=status, lookup=(lookup or "") if lookups_enabled else ""
    )


def reset_add_form() -> None:
    """Empty the form. Call before add_movie_form draws it (Streamlit's rule for keys)."""
    st.session_state[TITLE_KEY] = ""
    st.session_state[LOOKUP_KEY] = ""
    st.session_state[STATUS_KEY] = STATUS_OPTIONS[0]


def lookup_failed(message: str) -> bool:
    """The lookup's failure and the way out; True when "Add without details" is pressed."""
    st.error(message)
    return st.button("Add without details", key="add_without_details")


def search_box(lookups_enabled: bool, lookups_hint: str, page_key: str) -> str:
    """The "Search OMDb" input; returns the query (empty when lookups are off).

    A new query starts again on page 1 of its matches.
    """
    query = st.text_input(
        "Search OMDb",
        key=SEARCH_KEY,
        placeholder="Title, e.g. The Matrix" if lookups_enabled else "Lookups are off",
        disabled=not lookups_enabled,
        on_change=first_page,
        args=(page_key,),
    )
    if not lookups_enabled:
        st.info(lookups_hint)
        return ""
    return (query or "").strip()


def search_results(page: SearchPage) -> tuple[str | None, str]:
    """Matches with poster, title, year and type. Returns (IMDb ID picked, status to add as)."""
    first = (page.page - 1) * page.page_size + 1
    last = first + len(page.results) - 1
    st.caption(
        f"{page.total_results} matches for “{page.query}”; showing {first}–{last} "
        f"(page {page.page} of {page.total_pages})."
    )
    status = st.selectbox("Add as", STATUS_OPTIONS, key=SEARCH_STATUS_KEY)
    picked = None
    shown: set[str] = set()
    for result in page.results:
        if result.imdb_id in shown:
            continue  # OMDb listed this title twice on the page
        shown.add(result.imdb_id)
        with st.container(border=True):
            poster, about, action = st.columns([1, 4, 1], vertical_alignment="center")
            if result.poster_url:
                poster.image(result.poster_url, width=46, alt=f"Poster of {result.title}")
            else:
                poster.caption("No poster")
            year = result.year if result.year is not None else "year unknown"
            kind = (result.type or "title").capitalize()
            about.markdown(f"**{escape_markdown(result.title)}** ({year})  \n{kind}")
            if action.button(
                "Add", key=f"omdb_add_{result.imdb_id}", help=f"Add {result.title} as {status}"
            ):
                picked = result.imdb_id
    return picked, status


def pager(key: str, page_count: int) -> int:
    """Previous/Next buttons over `page_count` pages; returns the page to show (from 1)."""
    page = min(max(1, int(st.session_state.get(key, 1))), max(1, page_count))
    st.session_state[key] = page
    if page_count <= 1:
        return page
    previous, where, following = st.columns([1, 2, 1], vertical_alignment="center")
    previous.button(
        "Previous", key=f"{key}_previous", disabled=page <= 1, on_click=_turn, args=(key, -1)
    )
    where.markdown(f"Page {page} of {page_count}", text_alignment="center")
    following.button(
        "Next", key=f"{key}_next", disabled=page >= page_count, on_click=_turn, args=(key, 1)
    )
    return page


def _turn(key: str, step: int) -> None:
    st.session_state[key] = int(st.session_state.get(key, 1)) + step


def first_page(key: str) -> None:
    """on_change for filters and searches: a new question starts on page 1."""
    st.session_state[key] = 1


# -- Library -----------------------------------------------------------------------------


def empty_library(add_page: st.Page) -> None:
    st.info("Your library is empty. Add the first movie you have watched or want to watch.")
    st.page_link(add_page, label="Add movie", icon=":material/add_circle:")


def library_filters(page_key: str) -> tuple[str, str]:
    """(status filter, free text). The status is "All", "Watched" or "Want to Watch".

    Changing either goes back to the first page of the table.
    """
    status_column, text_column = st.columns([1, 2])
    status = status_column.selectbox(
        "Show", FILTER_OPTIONS, key=FILTER_STATUS_KEY, on_change=first_page, args=(page_key,)
    )
    text = text_column.text_input(
        "Search title, director or genre",
        key=FILTER_TEXT_KEY,
        placeholder="e.g. Mann, Crime, Matrix",
        on_change=first_page,
        args=(page_key,),
    )
    return status, (text or "").strip()


def library_table(frame: pd.DataFrame, first: int, matching: int, total: int) -> None:
    """The page of movies, with poster thumbnails and IMDb links."""
    last = first + len(frame) - 1
    of_library = "" if matching == total else f" (of {total} in your library)"
    st.caption(f"Showing {first}–{last} of {matching} movies{of_library}.")
    st.dataframe(
        frame,
        hide_index=True,
        placeholder="–",
        row_height=56,
        height=min(len(frame), 12) * 56 + 40,
        column_config={
            "Poster": st.column_config.ImageColumn("Poster", width="small"),
            "Title": st.column_config.TextColumn("Title", width="medium"),
            "Year": st.column_config.NumberColumn("Year", format="%d", width="small"),
            "Director": st.column_config.TextColumn("Director", width=150),
            "Genre": st.column_config.TextColumn("Genre", width=150),
            "Status": st.column_config.TextColumn("Status", width=110),
            "Added": st.column_config.DatetimeColumn("Added", format="YYYY-MM-DD"),
            "IMDb": st.column_config.LinkColumn("IMDb", display_text="IMDb ↗", width="small"),
        },
    )


def no_matches() -> None:
    st.info("No movies match these filters. Choose “All” or clear the search to see every movie.")


def manage_movie(labels: Mapping[int, str]) -> ManageInput:
    """Pick a movie by "Title (Year)" ({id: label}) and change its status or delete it.

    Returns the movie the person saw picked when they acted, by id, even if it is no
    longer in `labels` (deleted in another tab): the picker would show its first option
    instead, and acting on that would change a movie nobody chose.
    """
    seen = _movie_seen(labels)
    movie_column, status_column = st.columns([2, 1])
    movie_id = movie_column.selectbox(
        "Movie", list(labels), format_func=labels.__getitem__, key=MOVIE_KEY
    )
    new_status = status_column.selectbox("New status", STATUS_OPTIONS, key=NEW_STATUS_KEY)
    update_column, delete_column, _ = st.columns([1, 1, 3])
    command: Literal["update", "delete"] | None = None
    if update_column.button("Update status", type="primary"):
        command = "update"
    if delete_column.button("Delete movie"):
        command = "delete"
    st.session_state[MOVIE_SHOWN_KEY] = (movie_id, labels[movie_id])
    movie_id, label = seen or (movie_id, labels[movie_id])
    return ManageInput(movie_id, label, new_status, command)


def _movie_seen(labels: Mapping[int, str]) -> tuple[int, str] | None:
    """(id, label) of the movie the picker showed when the person acted: the picker's
    value as it stands before the picker is drawn again; None before its first run."""
    movie_id = st.session_state.get(MOVIE_KEY)
    if movie_id is None:
        return None
    if movie_id in labels:
        return movie_id, labels[movie_id]
    shown = st.session_state.get(MOVIE_SHOWN_KEY)
    return movie_id, shown[1] if shown and shown[0] == movie_id else "The movie you picked"


def confirm_delete(label: str) -> Literal["confirm", "cancel"] | None:
    """The second click a delete needs."""
    st.warning(f"Delete {label} from your library? This cannot be undone.")
    confirm_column, cancel_column, _ = st.columns([1, 1, 3])
    if confirm_column.button("Confirm delete", type="primary"):
        return "confirm"
    if cancel_column.button("Cancel"):
        return "cancel"
    return None


# -- Activity ----------------------------------------------------------------------------


def activity_list(lines: Sequence[str]) -> None:
    """One list, one line an event."""
    st.markdown("\n".join(f"- {escape_markdown(line)}" for line in lines))


def no_activity(add_page: st.Page) -> None:
    st.info(
        "Nothing has happened in your library yet. Added, changed and deleted movies show up here."
    )
    st.page_link(add_page, label="Add movie", icon=":material/add_circle:")
