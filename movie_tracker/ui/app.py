"""The app around the pages: settings, the one service per process, and the navigation."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import partial

import streamlit as st

from movie_tracker import events
from movie_tracker.config import Settings
from movie_tracker.db import MovieRepository, StorageError
from movie_tracker.omdb import OmdbClient
from movie_tracker.service import MovieService
from movie_tracker.ui.pages import activity, add_movie, library, statistics

TITLE = "Movie Tracker"


def read_secrets() -> Mapping[str, object]:
    """st.secrets as a plain mapping; empty when there is no secrets file (st.secrets raises)."""
    try:
        return {key: value for key, value in st.secrets.items() if not isinstance(value, Mapping)}
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no file, or one that won't parse
        return {}


def load_settings() -> Settings:
    return Settings.load(os.environ, read_secrets())


@st.cache_resource(show_spinner=False)
def start(settings: Settings) -> MovieService:
    """Once per process (and per settings): logging, the database engine, the OMDb client.

    The service keeps no per-session state: SQLAlchemy's engine pools connections per
    thread and OmdbClient's session is only read, so every session's thread shares it.
    """
    events.configure_logging(settings.log_level, settings.log_format, [settings.omdb_api_key])
    service = MovieService(
        MovieRepository(settings.database_url), OmdbClient.from_settings(settings)
    )
    events.record(events.APP_STARTED, lookups_enabled=service.lookups_enabled)
    return service


def service_or_stop() -> MovieService:
    """The process's service; when the library cannot be opened, say why and stop."""
    try:
        return start(load_settings())
    except StorageError as error:
        st.error(str(error))
        st.stop()  # raises: the pages do not run without a library


def _showing_storage_errors(render: Callable[[], None]) -> None:
    """Run a page; if the library fails while the app runs (file damaged, removed or
    locked), say what to do instead of showing a traceback. Nothing was changed."""
    try:
        render()
    except StorageError as error:
        st.error(str(error))


def navigation(service: MovieService, default: str = "library") -> st.Page:
    """The four pages over one service. `default` names the page shown first (tests use it)."""

    def page(render: Callable[[], None], title: str, url_path: str, icon: str) -> st.Page:
        return st.Page(
            partial(_showing_storage_errors, render),
            title=title,
            url_path=url_path,
            icon=icon,
            default=url_path == default,
        )

    add = page(
        partial(add_movie.render, service), "Add movie", "add-movie", ":material/add_circle:"
    )
    pages = [
        page(
            partial(library.render, service, add), "Library", "library", ":material/video_library:"
        ),
        add,
        page(
            partial(statistics.render, service, add),
            "Statistics",
            "statistics",
            ":material/bar_chart:",
        ),
        page(partial(activity.render, service, add), "Activity", "activity", ":material/history:"),
    ]
    if not service.lookups_enabled:
        st.sidebar.caption("OMDb lookups are off. Add movie says how to turn them on.")
    return st.navigation(pages)
