"""The app around the pages: settings, the one service per process, and the navigation."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from functools import partial

import streamlit as st

from movie_tracker import events
from movie_tracker.config import Settings
from movie_tracker.service import MovieService, StorageError
from movie_tracker.ui import auth, heap, state, text
from movie_tracker.ui.pages import (
    activity,
    add_movie,
    connections,
    diary,
    import_export,
    library,
    lists,
    log_film,
    statistics,
    tonight,
)
from movie_tracker.ui.text import escape_markdown

TITLE = "Movie Tracker"


def read_secrets() -> Mapping[str, object]:
    """st.secrets as a plain mapping; empty when there is no secrets file (st.secrets raises).
    Of its sections only [auth] is kept: Settings reads whether sign-in is configured."""
    try:
        return {
            key: dict(value) if isinstance(value, Mapping) else value
            for key, value in st.secrets.items()
            if key == "auth" or not isinstance(value, Mapping)
        }
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no file, or one that won't parse
        return {}


def load_settings() -> Settings:
    return Settings.load(os.environ, read_secrets())


@st.cache_resource(show_spinner=False)
def start(settings: Settings) -> MovieService:
    """Once per process (and per settings): logging, the database engine, the OMDb client,
    and the service over the local library (the one kept without sign-in).

    The service keeps no per-session state: SQLAlchemy's engine pools connections per
    thread and OmdbClient's session is only read, so every session's thread shares it.
    """
    events.configure_logging(settings.log_level, settings.log_format, [settings.omdb_api_key])
    service = MovieService.open(settings)
    events.record(events.APP_STARTED, lookups_enabled=service.lookups_enabled)
    return service


def shared_service() -> MovieService:
    """The process's service (the one the pages use), for the HTTP routes: they run outside
    any page's script, so they get the same engine, and an in-memory library is one."""
    return start(load_settings())


@st.cache_resource(show_spinner=False)
def service_for(settings: Settings, person: auth.Person) -> MovieService:
    """Once per process and signed-in person: their library, over the process's engine.
    The first time, they take the local library if LIBRARY_OWNER names them and nobody
    took it before; without LIBRARY_OWNER nobody takes it."""
    service = start(settings).for_owner(person.owner)
    if _named_owner(settings, person):
        service.claim_local_library()
    return service


def _named_owner(settings: Settings, person: auth.Person) -> bool:
    return settings.owns_local_library(
        person.email, person.subject, person.owner.key, email_verified=person.email_verified
    )


def service_or_stop(settings: Settings | None = None) -> MovieService:
    """The service for whoever the page is for; when the library cannot be opened, say
    why and stop. With sign-in configured, a signed-out visitor (or one ALLOWED_EMAILS
    turns away) gets the sign-in page and nothing of any library."""
    settings = settings or load_settings()
    person = auth.require_person(settings, TITLE)
    try:
        if person is None:
            return start(settings)
        service = service_for(settings, person)
        _offer_the_local_library(settings, person)
        return service
    except StorageError as error:
        st.error(escape_markdown(str(error)))
        st.stop()  # raises: the pages do not run without a library


def _offer_the_local_library(settings: Settings, person: auth.Person) -> None:
    """While the library kept without sign-in has movies and no owner, say in the sidebar
    how it is claimed."""
    waiting = start(settings).count_movies()
    if not waiting:
        return
    named = None
    if settings.library_owner is not None:
        named = "you" if _named_owner(settings, person) else "someone else"
    st.sidebar.info(escape_markdown(text.unclaimed_library(waiting, person.subject, named)))


def browser_timezone() -> tzinfo:
    """The person's timezone, as their browser tells it on this run (UTC when it does not
    say, or names a zone this machine does not know). The one place the app reads it."""
    return state.zone_named(st.context.timezone)


def _showing_storage_errors(render: Callable[[], None]) -> None:
    """Run a page; if the library fails while the app runs (file damaged, removed or
    locked), say what to do instead of showing a traceback. Nothing was changed."""
    try:
        render()
    except StorageError as error:
        st.error(escape_markdown(str(error)))


@dataclass(frozen=True)
class Address:
    """Where a page lives: its URL path (typed, bookmarked, shared), menu title and icon."""

    url_path: str
    title: str
    icon: str


LIBRARY = Address("library", "Library", ":material/video_library:")
ADD_MOVIE = Address("add-movie", "Add movie", ":material/add_circle:")
DIARY = Address("diary", "Diary", ":material/menu_book:")
STATISTICS = Address("statistics", "Statistics", ":material/bar_chart:")
ACTIVITY = Address("activity", "Activity", ":material/history:")
IMPORT_EXPORT = Address("import-export", "Import and export", ":material/import_export:")
CONNECTIONS = Address("connections", "Connections", ":material/cable:")
LISTS = Address("lists", "Lists", ":material/list:")
TONIGHT = Address("tonight", "Tonight", ":material/casino:")


def navigation(service: MovieService, default: str = LIBRARY.url_path) -> st.Page:
    """Every page at its own address, in menu order; the page named by `default` (tests
    pick it) is the app's root, `/`, too. The pages see the service in the browser's
    timezone, so "today" is the person's day, not the server's. Every page's sidebar
    starts with Log a film (ui/pages/log_film.py)."""
    heap.freeze_after_first_run()
    service = service.in_timezone(browser_timezone())
    # What the other pages link to: st.page_link finds the registered page by its address.
    add_movie_link = _link(ADD_MOVIE)
    library_link = _page(LIBRARY, partial(library.render, service, add_movie_link))
    diary_link = _page(DIARY, partial(diary.render, service, library_link))
    # First in the sidebar on every page; first on the page on a phone.
    log_film.offer(service, library_link, state.is_phone(st.context.headers))
    lists_link = _page(LISTS, partial(lists.render, service, library_link))
    pages = [
        (LIBRARY, partial(library.render, service, add_movie_link, lists_link)),
        (DIARY, partial(diary.render, service, library_link)),
        (LISTS, partial(lists.render, service, library_link)),
        (TONIGHT, partial(tonight.render, service, library_link)),
        (ADD_MOVIE, partial(add_movie.render, service, library_link)),
        (STATISTICS, partial(statistics.render, service, add_movie_link, library_link)),
        (ACTIVITY, partial(activity.render, service, add_movie_link)),
        (IMPORT_EXPORT, partial(import_export.render, service, library_link, diary_link)),
        (CONNECTIONS, partial(connections.render, service)),
    ]
    if not service.lookups_enabled:
        st.sidebar.caption("OMDb lookups are off. Add movie says how to turn them on.")
    return st.navigation(list(_at_their_addresses(pages, default)))


def _at_their_addresses(
    pages: Sequence[tuple[Address, Callable[[], None]]], default: str
) -> Iterator[st.Page]:
    """Streamlit serves its default page only at `/`, and answers "Page not found" at
    that page's own address. So the default page is shown twice: at `/`, where the menu
    marks it, and hidden at its address, for links typed, bookmarked or shared."""
    for address, render in pages:
        if address.url_path == default:
            yield _page(address, render, root=True)
            yield _page(address, render, hidden=True)
        else:
            yield _page(address, render)


def _link(address: Address) -> st.Page:
    """The page at `address` as st.page_link names it. Streamlit finds the registered page
    by its address alone (the hash of its url_path), so this one's function never runs;
    were it ever run, st.stop would end that run, showing nothing."""
    return _page(address, st.stop)


def _page(
    address: Address, render: Callable[[], None], root: bool = False, hidden: bool = False
) -> st.Page:
    return st.Page(
        partial(_showing_storage_errors, render),
        title=address.title,
        icon=address.icon,
        url_path="" if root else address.url_path,
        default=root,
        visibility="hidden" if hidden else "visible",
    )
