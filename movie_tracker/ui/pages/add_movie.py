"""Add movie: the seed's form, and a search of OMDb that adds a pick in one click. A film
the library already has is never added twice: the message says so, and every add offers
"Open <film>"."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from movie_tracker.models import SearchPage, ValidationError
from movie_tracker.omdb import OmdbError
from movie_tracker.service import (
    ENABLE_LOOKUPS_HINT,
    AddResult,
    LookupsDisabledError,
    MovieService,
    StorageError,
)
from movie_tracker.ui import text, widgets
from movie_tracker.ui.add_text import added_message
from movie_tracker.ui.widgets import AddInput

PAGE = "add"
CLEAR_FORM = "add_clear_form"
FAILED_LOOKUP = "add_failed_lookup"
SEARCH_PAGE = "omdb_page"
SEARCH_RESULTS = "omdb_results"


def render(service: MovieService, library_page: st.Page) -> None:
    st.title("Add movie")
    state = st.session_state
    if state.pop(CLEAR_FORM, False):
        widgets.reset_add_form()
    widgets.show_flash(PAGE, library_page)
    form_column, search_column = st.columns(2, gap="large")
    with form_column:
        st.header("By title")
        entered = widgets.add_movie_form(service.lookups_enabled, ENABLE_LOOKUPS_HINT)
        if entered is not None:
            state.pop(FAILED_LOOKUP, None)
            _add(service, entered)
        failed = _failed_lookup()
        if failed is not None and widgets.lookup_failed(failed[1]):
            _add(service, replace(failed[0], lookup=""))
    with search_column:
        st.header("From OMDb")
        _search(service, library_page)


def _failed_lookup() -> tuple[AddInput, str] | None:
    """The failed lookup to offer "Add without details" for, while the form still holds
    it; leaving the page empties the form, and the offer goes with it."""
    failed = st.session_state.get(FAILED_LOOKUP)
    if failed is not None and st.session_state.get(widgets.TITLE_KEY) != failed[0].title:
        st.session_state.pop(FAILED_LOOKUP)
        return None
    return failed


def _add(service: MovieService, entered: AddInput) -> None:
    try:
        result = service.add_movie(entered.title, entered.status, entered.lookup)
    except ValidationError as error:
        st.error(text.escape_markdown(error.message))
    except (StorageError, LookupsDisabledError) as error:
        st.error(text.escape_markdown(str(error)))
    except OmdbError as error:
        st.session_state[FAILED_LOOKUP] = (entered, text.lookup_failure_message(error))
    else:
        st.session_state.pop(FAILED_LOOKUP, None)
        st.session_state[CLEAR_FORM] = True
        _flash(result)


def _flash(result: AddResult) -> None:
    """What adding did, on the page's next run, with "Open <film>"."""
    kind: widgets.FlashKind = "success" if result.new or result.filled else "info"
    widgets.flash(PAGE, kind, added_message(result), opens=result.movie)
    st.rerun()


def _search(service: MovieService, library_page: st.Page) -> None:
    query = widgets.search_box(service.lookups_enabled, ENABLE_LOOKUPS_HINT, SEARCH_PAGE)
    if not query:
        if service.lookups_enabled:
            st.caption("Type a title to see OMDb's matches, then add one with a click.")
        return
    answer = _search_page(service, query, int(st.session_state.get(SEARCH_PAGE, 1)))
    if isinstance(answer, str):
        st.error(text.escape_markdown(answer))
        if st.button("Search again", key="omdb_search_again"):
            st.session_state.get(SEARCH_RESULTS, {}).clear()
            st.rerun()
        return
    widgets.pager(SEARCH_PAGE, answer.total_pages)
    have = service.films_in_library(answer.results)
    picked, status = widgets.search_results(answer, have, library_page)
    if picked is None:
        return
    try:
        result = service.add_from_omdb(picked, status)
    except (ValidationError, StorageError, OmdbError) as error:
        st.error(text.escape_markdown(str(error)))
    else:
        _flash(result)


def _search_page(service: MovieService, query: str, page: int) -> SearchPage | str:
    """One page of matches, or what went wrong; kept per session so reruns do not re-ask."""
    answers: dict[tuple[str, int], SearchPage | str]
    answers = st.session_state.setdefault(SEARCH_RESULTS, {})
    if (query, page) not in answers:
        try:
            answers[(query, page)] = service.search_omdb(query, page)
        except ValidationError as error:
            answers[(query, page)] = error.message
        except OmdbError as error:
            answers[(query, page)] = text.search_failure_message(error)
    return answers[(query, page)]
