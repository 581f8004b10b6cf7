"""The Log a film dialog's render helpers: the Film field, the films to pick from, the film
picked, and what Save did. Each draws plain data and returns what the person did; none
touches the service (ui/pages/log_film.py does). The watch's own fields are the movie
view's (components/movie.py watch_form), so both forms stay one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from movie_tracker.models import FilmLogged
from movie_tracker.ui import log_text
from movie_tracker.ui.text import escape_markdown


@dataclass(frozen=True)
class Pick:
    """A film picked to log: a movie of the library (`movie_id`), one OMDb found
    (`imdb_id`), or a new film by its typed title (neither)."""

    title: str
    year: int | None = None
    movie_id: int | None = None
    imdb_id: str | None = None

    @property
    def where(self) -> str:
        if self.movie_id is not None:
            return log_text.YOURS
        return log_text.FROM_OMDB if self.imdb_id else log_text.NEW_FILM

    @property
    def key(self) -> str:
        """Its button's key, the same whatever else is listed: log_pick_movie_3,
        log_pick_tt0113277, log_pick_new."""
        if self.movie_id is not None:
            return f"log_pick_movie_{self.movie_id}"
        return f"log_pick_{self.imdb_id or 'new'}"


def film_field(key: str) -> str:
    """The Film field: what is typed, trimmed. It searches as you type (after a short
    pause), so the dialog reruns without Enter."""
    typed = st.text_input("Film", key=key, type="search", live=True, placeholder="e.g. Heat")
    return (typed or "").strip()


def films(picks: Sequence[Pick], on_pick: Callable[[Pick], None]) -> None:
    """One button a film, your own first (each says where it comes from); a click picks
    it. A new film's button says it logs the typed title."""
    for pick in picks:
        if pick.movie_id is None and not pick.imdb_id:
            label = log_text.new_film_label(pick.title)
            icon = ":material/add:"
        else:
            label = log_text.result_label(pick.title, pick.year, pick.where)
            icon = ":material/video_library:" if pick.movie_id else ":material/travel_explore:"
        st.button(
            escape_markdown(label),
            key=pick.key,
            icon=icon,
            on_click=on_pick,
            args=(pick,),
            width="stretch",
        )


def picked(pick: Pick, on_change: Callable[[], None]) -> None:
    """The film the watch is for, and the way to pick another."""
    line = log_text.result_label(pick.title, pick.year, pick.where)
    st.markdown(f"**{escape_markdown(line)}**")
    st.button("Change film", key="log_change_film", type="tertiary", on_click=on_change)


def done(logged: FilmLogged) -> tuple[bool, bool]:
    """What Save did, then "Open <film>" and "Log another": (open pressed, another
    pressed)."""
    st.success(escape_markdown(log_text.logged_message(logged)))
    open_column, another_column = st.columns(2)
    opened = open_column.button(
        f"Open {escape_markdown(logged.movie.label)}",
        key="log_open_film",
        icon=":material/arrow_forward:",
        type="primary",
        width="stretch",
    )
    another = another_column.button("Log another", key="log_another", width="stretch")
    return opened, another
