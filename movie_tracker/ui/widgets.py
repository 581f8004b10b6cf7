"""Render helpers: each takes plain data, draws it, and returns what the user entered.

None of them touches the service, the database or the network; the pages do that with
what these return.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from movie_tracker.models import Movie, SearchPage, Status
from movie_tracker.ui.posters import poster_key, poster_style
from movie_tracker.ui.text import escape_markdown

STATUS_OPTIONS = [Status.WANT_TO_WATCH.value, Status.WATCHED.value]
IN_YOUR_LIBRARY = "In your library"
FlashKind = Literal["success", "info", "warning", "error"]

# Widget keys, so pages can reset them and tests can find them.
TITLE_KEY = "add_title"
STATUS_KEY = "add_status"
LOOKUP_KEY = "add_lookup"
SEARCH_KEY = "omdb_query"
SEARCH_STATUS_KEY = "omdb_status"


@dataclass(frozen=True)
class AddInput:
    title: str
    status: str
    lookup: str = ""


# -- messages that survive a rerun ------------------------------------------------------


def flash(page: str, kind: FlashKind, message: str, *, opens: Movie | None = None) -> None:
    """Show `message` on `page`'s next run (the page reruns after a change). It is plain
    text, shown as typed: a title in it is never read as markdown. With `opens`, the
    message is followed by "Open <film>" (open_movie)."""
    st.session_state[f"flash_{page}"] = (kind, message, opens)


def show_flash(page: str, library_page: st.Page | None = None) -> None:
    """The message flashed for `page`, once; its "Open <film>" needs the Library page."""
    stored = st.session_state.pop(f"flash_{page}", None)
    if stored is not None:
        kind, message, opens = stored
        getattr(st, kind)(escape_markdown(message))
        if opens is not None and library_page is not None:
            open_movie(library_page, opens)


# -- links to a movie --------------------------------------------------------------------


def movie_link(
    library_page: st.Page,
    movie_id: int,
    label: str,
    *,
    icon: str | None = None,
    help: str | None = None,
) -> None:
    """The movie opened in the Library (/library?movie=<id>), in the same tab. `label` is
    markdown: escape a title in it."""
    st.page_link(
        library_page, label=label, icon=icon, help=help, query_params={"movie": str(movie_id)}
    )


def open_movie(library_page: st.Page, movie: Movie) -> None:
    """ "Open <film>": the way from a message about a movie (added, found, logged) to the
    movie itself in the Library."""
    movie_link(
        library_page,
        movie.id or 0,
        f"Open {escape_markdown(movie.label)}",
        icon=":material/arrow_forward:",
    )


# -- posters ----------------------------------------------------------------------------


def poster(key: str, url: str | None, label: str, width: int) -> None:
    """A film's poster, `width` px wide at 2:3, with its title (`label`) in its place when
    it has none or the poster does not load: never a broken image, and the same size
    either way (ui/posters.py says how)."""
    with st.container(key=key, width=width, gap=None):
        st.caption(escape_markdown(label))
    st.html(poster_style(key, url, width))


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
            help=(
                "A title, an IMDb ID or an IMDb link. Fills in year, director, genre and "
                "poster from OMDb; with no title typed, the title is OMDb's too. Optional."
            ),
        )
        if not lookups_enabled:
            st.markdown(lookups_hint)  # not a caption: its faded link fails contrast
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
    st.error(escape_markdown(message))
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


def search_results(
    page: SearchPage, have: Mapping[str, Movie], library_page: st.Page
) -> tuple[str | None, str]:
    """Matches with poster, title, year and type; a match the library already has (`have`,
    by IMDb ID) says so, with "Open" instead of "Add". Returns (IMDb ID picked, status to
    add as)."""
    first = (page.page - 1) * page.page_size + 1
    last = first + len(page.results) - 1
    st.caption(
        f"{page.total_results} matches for “{escape_markdown(page.query)}”; showing {first}–{last} "
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
            picture, about, action = st.columns([1, 4, 1], vertical_alignment="center")
            with picture:
                poster(poster_key("omdb", result.imdb_id), result.poster_url, result.title, 46)
            year = result.year if result.year is not None else "year unknown"
            kind = (result.type or "title").capitalize()
            line = f"**{escape_markdown(result.title)}** ({year})  \n{kind}"
            yours = have.get(result.imdb_id)
            add_key = f"omdb_add_{result.imdb_id}"
            if yours is not None and st.session_state.get(add_key):
                # "Add" was pressed while the library did not have it yet (another tab
                # added or imported it meanwhile): the press still counts.
                picked = result.imdb_id
            if yours is not None:
                about.markdown(f"{line} · **{IN_YOUR_LIBRARY}**")
                with action:
                    movie_link(
                        library_page,
                        yours.id or 0,
                        "Open",
                        help=escape_markdown(f"Open {yours.label} in your library"),
                    )
                continue
            about.markdown(line)
            if action.button(
                "Add",
                key=add_key,
                help=escape_markdown(f"Add {result.title} as {status}"),
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


# -- Activity ----------------------------------------------------------------------------


def activity_list(lines: Sequence[str]) -> None:
    """One list, one line an event."""
    st.markdown("\n".join(f"- {escape_markdown(line)}" for line in lines))


def no_activity(add_page: st.Page) -> None:
    st.info(
        "Nothing has happened in your library yet. Added, changed and deleted movies show up here."
    )
    st.page_link(add_page, label="Add movie", icon=":material/add_circle:")
