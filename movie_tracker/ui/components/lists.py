"""Render helpers for Lists: the form for a new list, your lists, one list's page (its
sums, its films as a table or a grid, arranging them, renaming, deleting), and on a film's
page its lists, "Add to list" and its place in the watchlist's order.

Plain data in, what the person chose out; none touches the service. Names, descriptions
and notes are the person's own text: shown with st.text or escaped, never as markdown.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from movie_tracker.models import ListEntry, Movie, MovieList, stars
from movie_tracker.ui import frames, list_text, state
from movie_tracker.ui.posters import poster_key
from movie_tracker.ui.text import escape_markdown
from movie_tracker.ui.widgets import poster

NEW_LIST_FORM = "new_list"
NAME_KEY = "new_list_name"
DESCRIPTION_KEY = "new_list_description"
CLEAR_NEW_LIST = "new_list_clear"  # set after a list is made: the form starts empty again
GRID_KEY = "list_grid"
PENDING_DELETE = "list_pending_delete"
GRID_COLUMNS = 3


@dataclass(frozen=True)
class ListInput:
    """A list's name and description, as typed."""

    name: str
    description: str


@dataclass(frozen=True)
class Arrangement:
    """What the person did to one film of the list: moved it to `position` (typed, or one
    up, one down, the top), saved its `note`, or took it out."""

    kind: Literal["move", "note", "remove"]
    movie_id: int
    label: str
    position: int = 0
    note: str = ""


# -- your lists ----------------------------------------------------------------------------


def new_list_form() -> ListInput | None:
    """Name and description; what was typed when "Make list" is pressed."""
    if st.session_state.pop(CLEAR_NEW_LIST, False):
        st.session_state[NAME_KEY] = ""
        st.session_state[DESCRIPTION_KEY] = ""
    with st.expander("Make a list", expanded=False), st.form(NEW_LIST_FORM, border=False):
        name = st.text_input("List name", key=NAME_KEY, placeholder="e.g. Films to watch with Sam")
        description = st.text_area("Description (optional)", key=DESCRIPTION_KEY)
        pressed = st.form_submit_button("Make list", type="primary")
    if not pressed:
        return None
    return ListInput(name or "", description or "")


def no_lists() -> None:
    st.info(
        "You have no lists yet. Make one above, then open a film in the Library and choose "
        "“Add to list”."
    )


def list_index(lists: Sequence[MovieList]) -> None:
    """Each list: its name (click to open it), its sums and the start of its description."""
    for kept in lists:
        with st.container(border=True):
            st.button(
                escape_markdown(kept.name),
                key=f"open_list_{kept.id}",
                type="tertiary",
                on_click=open_list,
                args=(kept.id,),
            )
            st.caption(escape_markdown(list_text.list_summary(kept)))
            if kept.description:
                st.text(_start(kept.description))


def open_list(list_id: int) -> None:
    st.query_params[state.LIST] = str(list_id)


def _start(text: str, length: int = 200) -> str:
    first = " ".join(text.split())
    return first if len(first) <= length else first[: length - 1].rstrip() + "…"


# -- one list ------------------------------------------------------------------------------


def back_to_lists() -> bool:
    return st.button("← Back to your lists", key="list_back", type="tertiary")


def not_found(message: str) -> bool:
    st.title("Lists")
    st.header("List not found")
    st.error(escape_markdown(message))
    return back_to_lists()


def header(kept: MovieList) -> None:
    """The list's name, description and sums: films, watched, runtime."""
    st.title("Lists")
    st.header(escape_markdown(kept.name))
    if kept.description:
        st.text(kept.description)
    films, watched, runtime = st.columns(3)
    films.metric("Films", kept.films)
    watched.metric("Watched", f"{kept.watched} of {kept.films}")
    runtime.metric("Runtime", list_text.runtime_total(kept.runtime_minutes))
    if kept.without_runtime:
        st.caption(f"{kept.without_runtime} of its films have no runtime yet: not counted.")


def grid_toggle() -> bool:
    """Table or grid, in the address (?view=grid), as the Library's is."""
    st.session_state[GRID_KEY] = st.query_params.get(state.VIEW) == state.GRID
    return st.toggle("Grid view", key=GRID_KEY, on_change=_grid_to_url)


def _grid_to_url() -> None:
    if st.session_state[GRID_KEY]:
        st.query_params[state.VIEW] = state.GRID
    else:
        st.query_params.pop(state.VIEW, None)


def empty_list(library_page: st.Page) -> None:
    st.info("No films in this list yet. Open a film in the Library and choose “Add to list”.")
    st.page_link(library_page, label="Library", icon=":material/video_library:")


def entries_table(entries: Sequence[ListEntry]) -> None:
    st.dataframe(
        frames.list_frame(entries),
        hide_index=True,
        placeholder="–",
        column_config={
            "#": st.column_config.NumberColumn("#", width="small"),
            "Title": st.column_config.TextColumn("Title", width="medium", pinned=True),
            "Year": st.column_config.NumberColumn("Year", format="%d", width="small"),
            "Runtime": st.column_config.NumberColumn("Runtime", format="%d min", width="small"),
            "Note": st.column_config.TextColumn("Note", width="large"),
        },
    )


def entries_grid(entries: Sequence[ListEntry], library_page: st.Page) -> None:
    """A card a film: its place, poster and title (a link to it in the Library), status,
    your rating, and its note."""
    for start in range(0, len(entries), GRID_COLUMNS):
        row = entries[start : start + GRID_COLUMNS]
        for column, entry in zip(st.columns(GRID_COLUMNS), row, strict=False):
            with column, st.container(border=True):
                _card(entry, library_page)


def _card(entry: ListEntry, library_page: st.Page) -> None:
    movie = entry.movie
    poster(poster_key("list_card", movie.id), movie.poster_url, movie.label, 100)
    st.page_link(
        library_page,
        label=escape_markdown(f"{entry.position}. {movie.label}"),
        query_params={state.MOVIE: str(movie.id)},
    )
    st.caption(f"{escape_markdown(movie.status.value)} · {stars(movie.rating) or 'Not rated'}")
    if entry.note:
        st.text(entry.note)


def arrange(
    kept: MovieList, entries: Sequence[ListEntry], library_page: st.Page
) -> Arrangement | None:
    """Choose a film of the list, then move it (up, down, to the top, or to a typed
    position), change its note, open it, or take it out of the list."""
    st.subheader("Arrange")
    by_id = {entry.movie.id or 0: entry for entry in entries}
    pick = f"list_{kept.id}_pick"
    if st.session_state.get(pick) not in by_id:
        st.session_state.pop(pick, None)
    names = _names(entries)
    # The browser sends back the name it shows: a name must not change with a move.
    chosen_id = st.selectbox("Film", list(by_id), format_func=names.__getitem__, key=pick)
    entry = by_id[chosen_id]
    movie, place, count = entry.movie, entry.position, len(entries)
    base = f"list_{kept.id}_{chosen_id}"
    moved = _move_buttons(base, place, count)
    typed_column, go_column = st.columns([2, 1], vertical_alignment="bottom")
    typed = typed_column.number_input(
        "New position", min_value=1, max_value=count, value=place, step=1, key=f"{base}_at_{place}"
    )
    if go_column.button("Move to position", key=f"{base}_go"):
        moved = int(typed)
    if moved is not None:
        return Arrangement("move", chosen_id, movie.label, position=moved)
    checksum = zlib.crc32(entry.note.encode())
    note = st.text_area("Note", value=entry.note, key=f"{base}_note_{checksum}")
    save, remove, link = st.columns(3, vertical_alignment="center")
    if save.button("Save note", key=f"{base}_save"):
        return Arrangement("note", chosen_id, movie.label, note=note or "")
    if remove.button("Remove from list", key=f"{base}_remove"):
        return Arrangement("remove", chosen_id, movie.label)
    link.page_link(
        library_page,
        label=escape_markdown(f"Open {movie.label}"),
        query_params={state.MOVIE: str(movie.id)},
    )
    return None


def _names(entries: Sequence[ListEntry]) -> dict[int, str]:
    """Each film's name in the picker: "Heat (1995)", and its id too when two share one."""
    labels = [entry.movie.label for entry in entries]
    return {
        entry.movie.id or 0: label if labels.count(label) == 1 else f"{label} · {entry.movie.id}"
        for entry, label in zip(entries, labels, strict=True)
    }


def _move_buttons(base: str, place: int, count: int) -> int | None:
    up, down, top = st.columns(3)
    if up.button("Move up", key=f"{base}_up", disabled=place <= 1):
        return place - 1
    if down.button("Move down", key=f"{base}_down", disabled=place >= count):
        return place + 1
    if top.button("Move to the top", key=f"{base}_top", disabled=place <= 1):
        return 1
    return None


def edit_form(kept: MovieList) -> ListInput | None:
    """Rename or describe the list; what was typed when "Save" is pressed."""
    with st.expander("Rename or describe this list"), st.form(f"edit_list_{kept.id}", border=False):
        name = st.text_input("List name", value=kept.name)
        description = st.text_area("Description", value=kept.description)
        pressed = st.form_submit_button("Save", type="primary")
    return ListInput(name or "", description or "") if pressed else None


def delete_button(kept: MovieList) -> bool:
    return st.button("Delete list", key=f"delete_list_{kept.id}")


def confirm_delete(kept: MovieList) -> Literal["confirm", "cancel"] | None:
    films = "It holds no films." if not kept.films else "Its films stay in your library."
    st.warning(escape_markdown(f"Delete the list “{kept.name}”? {films} This cannot be undone."))
    confirm, cancel, _ = st.columns([1, 1, 3])
    if confirm.button("Confirm delete", type="primary", key="list_confirm_delete"):
        return "confirm"
    if cancel.button("Cancel", key="list_cancel_delete"):
        return "cancel"
    return None


# -- a film's page -------------------------------------------------------------------------


def add_to_list_form(
    movie: Movie, holding: Sequence[MovieList], others: Sequence[MovieList], lists_page: st.Page
) -> tuple[int, str] | None:
    """The lists the film is in, and a form to put it in another with a note; (list id,
    note) when "Add to list" is pressed."""
    st.caption(escape_markdown(list_text.in_lists([kept.name for kept in holding])))
    if not others:
        st.caption(
            "You have no other list to put it in."
            if holding
            else "You have no lists yet: make one on the Lists page."
        )
        st.page_link(lists_page, label="Lists", icon=":material/list:")
        return None
    names = {kept.id: kept.name for kept in others}
    with st.form(f"add_to_list_{movie.id}", border=False):
        list_id = st.selectbox("List", list(names), format_func=names.__getitem__)
        note = st.text_area("Note (optional)", placeholder="Why it belongs there")
        pressed = st.form_submit_button("Add to list", type="primary")
    return (list_id, note or "") if pressed else None


def watchlist_order(movie: Movie, place: int, total: int) -> int | None:
    """The film's place in the watchlist's order, and buttons to move it; the new place
    when one is pressed."""
    with st.container(border=True):
        text, up, down, top = st.columns([3, 1, 1, 1], vertical_alignment="center")
        text.markdown(escape_markdown(list_text.watchlist_place(place, total)))
        base = f"watchlist_{movie.id}"
        if up.button("Move up", key=f"{base}_up", disabled=place <= 1):
            return place - 1
        if down.button("Move down", key=f"{base}_down", disabled=place >= total):
            return place + 1
        if top.button("Move to the top", key=f"{base}_top", disabled=place <= 1):
            return 1
    return None
