"""Tonight: one film at random from Want to Watch or one of your lists, through the filters
set (No longer than, Genre, Decade, Never watched); Another never shows a film this visit
has shown (their ids are kept in the session), and when every film that fits was shown,
Start over. The pick says why it fits and offers Log a film (the dialog, the film picked)
and Open. A pick changes nothing in the library.

Pick, Another and Start over pick in their on_click, before the page is drawn, so the
button reads Another as soon as a film is shown.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from movie_tracker.models import NoPick, TonightPick, ValidationError
from movie_tracker.service import (
    MovieService,
    ShareNotFoundError,
    StorageError,
    UnknownListError,
)
from movie_tracker.ui import data, tonight_text
from movie_tracker.ui.components import tonight
from movie_tracker.ui.pages import log_film
from movie_tracker.ui.text import escape_markdown

SHOWN = "tonight_shown"  # the ids of the films this visit has shown
RESULT = "tonight_result"  # the last pick: a TonightPick, a NoPick, or what went wrong


def render(service: MovieService, library_page: st.Page) -> None:
    st.title(tonight_text.TITLE)
    st.caption(tonight_text.INTRO)
    key, version = data.service_key(service), service.library_version()
    list_id = tonight.source(data.lists(service, key, version), _forget_pick)
    try:
        choices = service.tonight_choices(list_id)
    except UnknownListError as error:  # deleted in another tab
        st.error(escape_markdown(str(error)))
        return
    if not choices.films:  # nothing to filter: say how to fill it
        _show(service.pick_tonight(list_id=list_id), library_page, lambda: None)
        return
    tonight.filters(choices.genres, choices.decades, _forget_pick)  # the buttons read them
    if not _together_link_works(service):  # said why: pick nothing
        return
    result = st.session_state.get(RESULT)
    label = tonight_text.ANOTHER if isinstance(result, TonightPick) else tonight_text.PICK
    tonight.pick_button(label, lambda: _pick(service))
    _show(result, library_page, lambda: _start_over(service))


def _show(
    result: TonightPick | NoPick | str | None,
    library_page: st.Page,
    start_over: Callable[[], None],
) -> None:
    if isinstance(result, TonightPick):
        tonight.pick(result, library_page, log_film.open_for)
    elif isinstance(result, NoPick):
        tonight.no_pick(result, start_over)
    elif isinstance(result, str):
        st.error(escape_markdown(result))


def _together_link_works(service: MovieService) -> bool:
    """Together with: the friend's share link, read again on each run (a link revoked
    since says so), and whose films the pick comes from; False, said why, when the link
    does not work or is a diary's. The buttons read the link again (tonight.as_set)."""
    link = tonight.together_link(_forget_pick)
    if not link:
        return True
    try:
        view = service.open_together(link)
    except ShareNotFoundError as gone:
        st.error(escape_markdown(tonight_text.link_refused(str(gone))))
        return False
    except ValidationError as refused:
        st.error(escape_markdown(refused.message))
        return False
    count = len(view.films)
    st.caption(
        escape_markdown(tonight_text.together_with(view.display_name, view.title, view.kind, count))
    )
    return True


def _pick(service: MovieService) -> None:
    """Pick with the source, filters and link as they are set now (tonight.as_set)."""
    list_id, wanted, link = tonight.as_set()
    shown: list[int] = st.session_state.setdefault(SHOWN, [])
    try:
        together = service.open_together(link) if link else None
        result: TonightPick | NoPick | str = service.pick_tonight(
            wanted.max_minutes,
            wanted.genre,
            wanted.decade,
            wanted.unwatched,
            list_id=list_id,
            exclude=shown,
            together_with=together,
        )
    except (ValidationError, LookupError, StorageError) as error:
        result = str(error)
    if isinstance(result, TonightPick):
        shown.append(result.movie.id or 0)
    st.session_state[RESULT] = result


def _start_over(service: MovieService) -> None:
    st.session_state[SHOWN] = []
    _pick(service)


def _forget_pick() -> None:
    """A filter changed: the film shown may no longer fit it."""
    st.session_state.pop(RESULT, None)
