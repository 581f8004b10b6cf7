"""Log a film, from every page: the sidebar's button and the dialog it opens.

Type in Film: your films matching it (accents and case ignored, as the Library's search)
come first, then, with lookups on, OMDb's movies you do not have; a film you have is
listed once, as yours; the typed title itself is offered as a new film. Pick one, set
the date, stars, review, tags and Rewatch (the movie view's fields), and Save: a film the
library lacks is added in the same transaction as its watch (service.log_film). Then
"Open <film>" or "Log another". Another page opens it with a film already picked
(`open_for`: Tonight's Log a film).

The dialog is a fragment: typing, picking and rating rerun it alone, not the page.
Whether it is open, the film picked and what Save did live in the session; the widget
keys carry a round number, so "Log another" and closing start from empty fields.
"""

from __future__ import annotations

import streamlit as st

from movie_tracker.models import FilmLogged, Movie, SearchPage, ValidationError
from movie_tracker.omdb import OmdbError
from movie_tracker.service import (
    LookupsDisabledError,
    MovieService,
    StorageError,
    UnknownMovieError,
)
from movie_tracker.ui import log_text, text
from movie_tracker.ui.components import log_film
from movie_tracker.ui.components import movie as movie_view
from movie_tracker.ui.components.log_film import Pick

OPEN = "log_open"
PICKED = "log_picked"
TYPED = "log_typed"
SAVED = "log_saved"
ROUND = "log_round"
OMDB_ANSWERS = "log_omdb_answers"
YOUR_MATCHES = 6  # of your films, the best few: the Library lists the rest
OMDB_FROM = 3  # letters typed before OMDb is asked (fewer match too many titles)


def offer(service: MovieService, library_page: st.Page, on_a_phone: bool = False) -> None:
    """The Log a film button, first in the sidebar (on a phone, where the sidebar starts
    closed, first on the page instead), and the dialog while it is open."""
    (st if on_a_phone else st.sidebar).button(
        "Log a film",
        key="log_film",
        type="primary",
        icon=":material/edit_note:",
        on_click=_start,
        width="stretch",
    )
    if st.session_state.get(OPEN):
        _dialog(service, library_page)


def _start() -> None:
    _forget()
    st.session_state[OPEN] = True


def open_for(movie: Movie) -> None:
    """Open the dialog with `movie` (one of the library's) already picked: a button's
    on_click, so the sidebar, drawn on the next run, opens it (Tonight's Log a film)."""
    _start()
    st.session_state[PICKED] = Pick(movie.title, movie.year, movie_id=movie.id)


def _close() -> None:
    _forget()
    st.session_state.pop(OPEN, None)


def _forget() -> None:
    """Empty the dialog: no film picked, nothing saved, new (empty) fields."""
    state = st.session_state
    for key in (PICKED, TYPED, SAVED):
        state.pop(key, None)
    state[ROUND] = int(state.get(ROUND, 0)) + 1


def _key(name: str) -> str:
    return f"log_{name}_{st.session_state.get(ROUND, 0)}"


@st.dialog("Log a film", on_dismiss=_close)
def _dialog(service: MovieService, library_page: st.Page) -> None:
    saved: FilmLogged | None = st.session_state.get(SAVED)
    if saved is not None:
        _done(saved, library_page)
        return
    pick: Pick | None = st.session_state.get(PICKED)
    if pick is None:
        _search(service)
    else:
        _log(service, pick)


def _search(service: MovieService) -> None:
    query = log_film.film_field(_key("film"))
    if not query:
        st.caption(log_text.SEARCH_HINT if service.lookups_enabled else log_text.OFFLINE_HINT)
        return
    picks = [
        Pick(movie.title, movie.year, movie_id=movie.id)
        for movie in service.list_movies(text=query, limit=YOUR_MATCHES)
    ]
    if not picks:
        st.caption(log_text.NOTHING_YOURS)
    failure = None
    if service.lookups_enabled and len(query) >= OMDB_FROM:
        answer = _omdb_page(service, query)
        if isinstance(answer, str):
            failure = answer
        else:
            picks += _omdb_picks(service, answer, picks)
    picks.append(Pick(query))
    log_film.films(picks, _pick)
    if failure is not None:
        st.warning(text.escape_markdown(log_text.omdb_failed(failure)))


def _omdb_picks(service: MovieService, answer: SearchPage, yours: list[Pick]) -> list[Pick]:
    """OMDb's movies (not series or games): those you have as yours, after your own
    matches and listed once; then the others."""
    results = [result for result in answer.results if (result.type or "movie") == "movie"]
    have = service.films_in_library(results)
    listed = {pick.movie_id for pick in yours}
    kept, found = [], []
    for result in results:
        movie = have.get(result.imdb_id)
        if movie is None:
            found.append(Pick(result.title, result.year, imdb_id=result.imdb_id))
        elif movie.id not in listed:
            listed.add(movie.id)
            kept.append(Pick(movie.title, movie.year, movie_id=movie.id))
    unique = {pick.imdb_id: pick for pick in found}  # OMDb lists a title twice at times
    return kept + list(unique.values())


def _omdb_page(service: MovieService, query: str) -> SearchPage | str:
    """OMDb's first page of matches, or why there is none; kept per session, so picking
    and rating do not ask OMDb again."""
    answers: dict[str, SearchPage | str] = st.session_state.setdefault(OMDB_ANSWERS, {})
    if query not in answers:
        try:
            answers[query] = service.search_omdb(query)
        except ValidationError as error:
            answers[query] = error.message
        except OmdbError as error:
            answers[query] = text.search_failure_message(error)
    return answers[query]


def _pick(pick: Pick) -> None:
    """Pick a film; the Film field, no longer drawn, is kept to come back to."""
    st.session_state[PICKED] = pick
    st.session_state[TYPED] = st.session_state.get(_key("film"), "")


def _unpick() -> None:
    """Back to the films found, the Film field as it was."""
    st.session_state.pop(PICKED, None)
    st.session_state[_key("film")] = st.session_state.pop(TYPED, "")


def _log(service: MovieService, pick: Pick) -> None:
    log_film.picked(pick, _unpick)
    before = bool(service.watches(pick.movie_id)) if pick.movie_id is not None else False
    entered = movie_view.watch_form(_key("watch"), None, service.today(), "Save", rewatch=before)
    if entered is None:
        return
    try:
        logged = service.log_film(
            movie_id=pick.movie_id,
            imdb_id=pick.imdb_id,
            title=pick.title,
            watched_on=entered.watched_on,
            rating=entered.rating,
            review=entered.review,
            tags=entered.tags,
            seen_before=entered.seen_before,
        )
    except ValidationError as error:
        st.error(text.escape_markdown(error.message))
    except UnknownMovieError:
        st.error(text.movie_gone(pick.title))
    except (StorageError, LookupsDisabledError) as error:
        st.error(text.escape_markdown(str(error)))
    except OmdbError as error:
        st.error(text.escape_markdown(text.search_failure_message(error)))
    else:
        st.session_state[SAVED] = logged
        st.rerun()


def _done(logged: FilmLogged, library_page: st.Page) -> None:
    opened, another = log_film.done(logged)
    if opened:
        _close()
        st.switch_page(library_page, query_params={"movie": str(logged.movie.id)})
    if another:
        _forget()
        st.rerun()
