"""Tonight's render helpers: where to pick from, the filters, the Pick / Another button,
the film picked (poster, title, what is known, why it fits, Log a film and Open) and why
there is none. Each draws plain data and returns what the person chose; none touches the
service (ui/pages/tonight.py does)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from movie_tracker.models import Movie, MovieList, NoPick, TonightPick
from movie_tracker.ui import state, tonight_text, widgets
from movie_tracker.ui.library_text import no_longer_than
from movie_tracker.ui.posters import poster_key
from movie_tracker.ui.text import escape_markdown

SOURCE_KEY = "tonight_source"
RUNTIME_KEY = "tonight_runtime"
GENRE_KEY = "tonight_genre"
DECADE_KEY = "tonight_decade"
UNWATCHED_KEY = "tonight_unwatched"
TOGETHER_KEY = "tonight_together"
PICK_KEY = "tonight_pick"
START_OVER_KEY = "tonight_start_over"
LOG_KEY = "tonight_log"
ANY_LENGTH = 0  # "No longer than": Any length
POSTER_WIDTH = 154


@dataclass(frozen=True)
class TonightInput:
    """The filters as set."""

    max_minutes: int | None = None
    genre: str | None = None
    decade: int | None = None
    unwatched: bool = False


def source(kept: Sequence[MovieList], on_change: Callable[[], None]) -> int | None:
    """Want to Watch (None) or one of your lists (its id)."""
    names = {found.id: found.name for found in kept}
    options: list[int | None] = [None, *names]
    _forget_if_gone(SOURCE_KEY, options, on_change)
    chosen: int | None = st.selectbox(
        tonight_text.SOURCE,
        options,
        format_func=lambda list_id: tonight_text.source_name(names.get(list_id or 0)),
        key=SOURCE_KEY,
        on_change=on_change,
    )
    return chosen


def filters(
    genres: Sequence[str], decades: Sequence[int], on_change: Callable[[], None]
) -> TonightInput:
    """No longer than (the Library's choices), Genre and Decade (those of the films to pick
    from), Never watched."""
    runtime_column, genre_column, decade_column, watched_column = st.columns(4)
    with runtime_column:
        minutes = st.selectbox(
            tonight_text.NO_LONGER_THAN,
            (ANY_LENGTH, *state.RUNTIME_CHOICES),
            format_func=no_longer_than,
            key=RUNTIME_KEY,
            on_change=on_change,
        )
    with genre_column:
        genre = _choice(tonight_text.GENRE, [None, *genres], GENRE_KEY, on_change)
    with decade_column:
        decade = _choice(
            tonight_text.DECADE,
            [None, *decades],
            DECADE_KEY,
            on_change,
            format_func=tonight_text.decade_name,
        )
    with watched_column:
        unwatched = st.checkbox(
            tonight_text.NEVER_WATCHED,
            key=UNWATCHED_KEY,
            help=tonight_text.NEVER_WATCHED_HELP,
            on_change=on_change,
        )
    return TonightInput(minutes or None, genre, decade, bool(unwatched))


def as_set() -> tuple[int | None, TonightInput, str]:
    """The source, the filters and the Together link as the widgets hold them now: what a
    button's on_click reads, since a change and the click can arrive in one rerun, before
    the page has drawn the widgets again."""
    state = st.session_state
    wanted = TonightInput(
        state.get(RUNTIME_KEY) or None,
        state.get(GENRE_KEY),
        state.get(DECADE_KEY),
        bool(state.get(UNWATCHED_KEY)),
    )
    return state.get(SOURCE_KEY), wanted, str(state.get(TOGETHER_KEY) or "").strip()


def _choice(
    label: str,
    options: list[Any],
    key: str,
    on_change: Callable[[], None],
    format_func: Callable[[Any], str] = lambda name: name or tonight_text.ANY,
) -> Any:
    _forget_if_gone(key, options, on_change)
    return st.selectbox(label, options, format_func=format_func, key=key, on_change=on_change)


def _forget_if_gone(key: str, options: Sequence[object], on_change: Callable[[], None]) -> None:
    """A choice no longer offered (a list deleted, a genre another source lacks) goes
    back to the first, and the film picked with it is forgotten (`on_change`)."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
        on_change()


def together_link(on_change: Callable[[], None]) -> str:
    """Together with: a friend's share link, or nothing."""
    link: str = st.text_input(
        tonight_text.TOGETHER,
        key=TOGETHER_KEY,
        placeholder=tonight_text.TOGETHER_PLACEHOLDER,
        help=tonight_text.TOGETHER_HELP,
        on_change=on_change,
    )
    return link.strip()


def pick_button(label: str, on_click: Callable[[], None]) -> None:
    st.button(label, key=PICK_KEY, type="primary", icon=":material/casino:", on_click=on_click)


def pick(picked: TonightPick, library_page: st.Page, on_log: Callable[[Movie], None]) -> None:
    """The film picked: its poster, title, what is known of it, why it fits, and Log a
    film (the dialog, with this film picked) and Open (its page in the Library)."""
    movie = picked.movie
    poster_column, about = st.columns([1, 3])
    with poster_column:
        widgets.poster(poster_key("tonight", movie.id), movie.poster_url, movie.label, POSTER_WIDTH)
    with about:
        st.header(escape_markdown(movie.title))
        st.caption(escape_markdown(tonight_text.facts(movie)))
        reasons = "\n".join(f"- {escape_markdown(reason)}" for reason in picked.why)
        st.markdown(f"**{tonight_text.WHY}**\n\n{reasons}")
        st.caption(tonight_text.picked_from(picked.candidates))
        log_column, open_column = st.columns(2)
        log_column.button(
            tonight_text.LOG,
            key=LOG_KEY,
            icon=":material/edit_note:",
            on_click=on_log,
            args=(movie,),
        )
        with open_column:
            widgets.open_movie(library_page, movie)


def no_pick(result: NoPick, on_start_over: Callable[[], None]) -> None:
    """Why no film was picked; Start over when every film that fits was shown."""
    st.info(escape_markdown(result.reason))
    if result.start_over:
        st.button(tonight_text.START_OVER, key=START_OVER_KEY, on_click=on_start_over)
