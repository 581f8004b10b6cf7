"""The entry point: settings from the environment and st.secrets, one service, the pages."""

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from movie_tracker import ui
from movie_tracker.store import StorageError
from tests.ui.conftest import TIMEOUT, texts

APP = str(ui.SCRIPT)  # the pages' script, which streamlit_app.py's st.App serves
LOOKUPS_OFF = "OMDb lookups are off. Add movie says how to turn them on."


@pytest.fixture
def environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'movies.db'}")
    monkeypatch.delenv("OMDB_API_KEY", raising=False)
    monkeypatch.setenv("OMDB_CACHE", "off")
    monkeypatch.setenv("OMDB_BASE_URL", "http://127.0.0.1:9/")
    return tmp_path


def test_library_is_the_first_page_and_an_empty_one_points_to_add_movie(environment):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert texts(at.title) == ["Library"]
    assert "Your library is empty" in at.info[0].value
    assert texts(at.get("page_link")) == ["Add movie"]


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("library", "Library"),
        ("add-movie", "Add movie"),
        ("statistics", "Statistics"),
        ("activity", "Activity"),
        ("diary", "Diary"),
        ("import-export", "Import and export"),
        ("connections", "Connections"),
        ("lists", "Lists"),
        ("tonight", "Tonight"),
    ],
)
def test_each_page_opens_on_an_empty_library(open_page, offline_service, page, title):
    at = open_page(offline_service, page)
    assert not at.exception
    assert texts(at.title) == [title]


def test_the_diary_is_a_page_of_its_own_not_one_to_come(open_page, offline_service):
    at = open_page(offline_service, "diary")
    assert texts(at.title) == ["Diary"]
    assert "coming soon" not in at.info[0].value
    assert "Your diary is empty." in at.info[0].value


def test_the_query_string_stays_for_the_library_to_read(environment):
    """The Library opens a movie from /library?movie=3 (the browser suite opens that
    address; AppTest can only start at the root)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["movie"] = "3"
    at.run()
    assert not at.exception
    assert texts(at.title) == ["Library"]
    assert at.query_params == {"movie": "3"}


def test_without_a_key_the_sidebar_says_lookups_are_off(environment):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert texts(at.sidebar.caption) == [LOOKUPS_OFF]


def test_a_key_in_st_secrets_turns_lookups_on(environment):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["OMDB_API_KEY"] = "key-from-secrets"
    at.run()
    assert not at.exception
    assert LOOKUPS_OFF not in texts(at.sidebar.caption)


def test_the_environment_wins_over_st_secrets(environment, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{environment / 'from-env.db'}")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["DATABASE_URL"] = f"sqlite:///{environment / 'from-secrets.db'}"
    at.run()
    assert not at.exception
    assert (environment / "from-env.db").exists()
    assert not (environment / "from-secrets.db").exists()


def test_a_library_that_cannot_be_opened_says_what_to_do(environment, monkeypatch):
    missing = environment / "no such folder" / "movies.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing}")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "cannot be opened" in at.error[0].value
    assert "DATABASE_URL" in at.error[0].value
    assert not at.title  # the pages do not run without a library


def test_app_started_is_logged_once_for_many_sessions(environment, caplog):
    caplog.set_level(logging.INFO, logger="movie_tracker")
    for _session in range(3):
        at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
        at.run()  # a rerun in the same session
        assert not at.exception
    started = [r for r in caplog.records if getattr(r, "event", None) == "app.started"]
    assert len(started) == 1
    assert started[0].event_fields == {"lookups_enabled": False}


@pytest.mark.parametrize("page", ["library", "add-movie", "statistics", "activity"])
def test_a_library_failing_while_the_app_runs_shows_what_to_do(open_page, service, page):
    def damaged(*_args, **_kwargs):
        raise StorageError(
            "Could not read the library: the library file movies.db is damaged or is not a "
            "Movie Tracker database. Restore it from a backup, or point DATABASE_URL at "
            "another file."
        )

    for method in ("library_version", "recent_events", "count_by_status", "add_or_find_movie"):
        setattr(service.repository, method, damaged)
    at = open_page(service, page)
    assert not at.exception
    if page == "add-movie":
        at.text_input(key="add_title").input("Heat")
        at.button(key="FormSubmitter:add_movie-Add Movie").click().run()
        assert not at.exception
    assert any("movies.db is damaged" in error.value for error in at.error)


def test_a_broken_omdb_cache_file_does_not_stop_the_app(environment, monkeypatch):
    broken = environment / "omdb_cache.sqlite"
    broken.write_bytes(b"not a database " * 100)
    monkeypatch.setenv("OMDB_API_KEY", "test-api-key-placeholder")
    monkeypatch.setenv("OMDB_CACHE", str(broken))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert texts(at.title) == ["Library"]
    assert LOOKUPS_OFF not in texts(at.sidebar.caption)


def test_streamlit_run_finds_an_st_app_serving_the_pages_and_the_routes():
    """`streamlit run streamlit_app.py` looks for an st.App assigned to `app` (it reads the
    file, not runs it) and serves its script and routes; the browser suite runs it for real."""
    from streamlit.starlette import App
    from streamlit.web.server.app_discovery import discover_asgi_app

    import streamlit_app

    entry = Path(streamlit_app.__file__)
    assert discover_asgi_app(entry).import_string == "streamlit_app:app"
    assert isinstance(streamlit_app.app, App)
    assert streamlit_app.app.script_path == ui.SCRIPT
    paths = {route.path for route in streamlit_app.app._user_routes}
    assert {"/hooks/jellyfin/{token}", "/api/v1/watches", "/api/v1/openapi.json"} <= paths
