"""An unwritable or damaged library file, or a DATABASE_URL this install cannot open,
gives a clear message, never a traceback."""

import logging
import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from movie_tracker import events
from movie_tracker.models import Movie
from movie_tracker.store import MovieRepository, StorageError

needs_permissions = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root ignores file permissions",
)


def test_a_file_that_is_not_a_database_is_named_in_the_message(tmp_path):
    path = tmp_path / "movies.db"
    path.write_bytes(b"this is a spreadsheet, not a database" * 100)
    with pytest.raises(StorageError) as caught:
        MovieRepository(f"sqlite:///{path}")
    message = str(caught.value)
    assert message.startswith("Could not open the library: ")
    assert str(path) in message
    assert "damaged or is not a Movie Tracker database" in message
    assert path.read_bytes().startswith(b"this is a spreadsheet")


def test_a_missing_folder_says_to_check_it(tmp_path):
    path = tmp_path / "no" / "such" / "folder" / "movies.db"
    with pytest.raises(StorageError, match="Check that its folder exists and is writable"):
        MovieRepository(f"sqlite:///{path}")


def test_a_read_only_library_refuses_changes_and_keeps_its_movies(tmp_path):
    path = tmp_path / "movies.db"
    repository = MovieRepository(f"sqlite:///{path}")
    repository.add_movie(Movie(title="Heat"))
    repository.dispose()
    read_only = MovieRepository(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with pytest.raises(StorageError) as caught:
            read_only.add_movie(Movie(title="Alien"))
        assert "is read-only" in str(caught.value)
        assert [m.title for m in read_only.get_all_movies()] == ["Heat"]
    finally:
        read_only.dispose()


def test_a_folder_where_the_file_should_be(tmp_path):
    with pytest.raises(StorageError, match="cannot be opened"):
        MovieRepository(f"sqlite:///{tmp_path}")


def test_an_unparseable_database_url_is_explained():
    with pytest.raises(StorageError, match="DATABASE_URL is not a database address"):
        MovieRepository("not a url at all")


def test_an_unknown_database_kind_is_explained():
    with pytest.raises(StorageError, match="DATABASE_URL is not a database address"):
        MovieRepository("nosuchdb://localhost/movies")


def test_a_database_damaged_after_start_fails_each_call_clearly(tmp_path):
    path = tmp_path / "movies.db"
    repository = MovieRepository(f"sqlite:///{path}")
    repository.dispose()
    for extra in tmp_path.glob("movies.db-*"):
        extra.unlink()
    path.write_bytes(b"\0garbage" * 1000)
    try:
        with pytest.raises(StorageError, match="damaged"):
            repository.get_all_movies()
        with pytest.raises(StorageError, match="damaged"):
            repository.add_movie(Movie(title="Heat"))
    finally:
        repository.dispose()


@needs_permissions
def test_a_folder_without_write_permission(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(StorageError, match=r"cannot be opened|read-only"):
            MovieRepository(f"sqlite:///{folder / 'movies.db'}")
    finally:
        folder.chmod(stat.S_IRWXU)


def _install_trigger(path, sql: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(sql)
    conn.close()


def test_a_refusal_from_the_database_itself_changes_nothing(tmp_path):
    path = tmp_path / "movies.db"
    MovieRepository(f"sqlite:///{path}").dispose()
    _install_trigger(
        path,
        "CREATE TRIGGER no_horror BEFORE INSERT ON movies WHEN NEW.genre = 'Horror'"
        " BEGIN SELECT RAISE(ABORT, 'no horror allowed'); END",
    )
    repository = MovieRepository(f"sqlite:///{path}")
    try:
        with pytest.raises(StorageError, match="the database answered: no horror allowed"):
            repository.add_movie(Movie(title="Alien", genre="Horror"))
        assert repository.count_movies() == 0
        assert repository.recent_events() == []
    finally:
        repository.dispose()


@pytest.mark.parametrize(
    ("database_url", "install"),
    [
        ("postgresql+psycopg2://tracker:secret@db.example.org/movies", "pip install psycopg2"),
        ("mysql+pymysql://tracker:secret@db.example.org/movies", "pip install PyMySQL"),
    ],
)
def test_a_database_driver_that_is_not_installed_is_named(database_url, install, caplog):
    caplog.set_level(logging.INFO, logger=events.LOGGER_NAME)
    with pytest.raises(StorageError) as caught:
        MovieRepository(database_url)
    message = str(caught.value)
    assert message.startswith("Could not open the library: ")
    assert "is not installed" in message
    assert install in message
    assert "tracker:***@db.example.org/movies" in message
    assert "secret" not in message
    (error,) = [r for r in caplog.records if getattr(r, "event", None) == "db.error"]
    assert error.event_fields["operation"] == "open the library"
    assert "secret" not in str(error.event_fields)


def test_postgresql_without_psycopg_says_to_install_the_postgres_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    with pytest.raises(StorageError) as caught:
        MovieRepository("postgresql+psycopg://tracker:secret@db.example.org/movies")
    assert 'pip install "movie-tracker[postgres]"' in str(caught.value)
    assert "secret" not in str(caught.value)


def test_a_read_only_library_that_cannot_switch_journal_mode_still_opens(tmp_path):
    path = tmp_path / "movies.db"
    repository = MovieRepository(f"sqlite:///{path}")
    repository.add_movie(Movie(title="Heat"))
    repository.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    read_only = MovieRepository(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        assert [m.title for m in read_only.get_all_movies()] == ["Heat"]
    finally:
        read_only.dispose()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to list open files")
def test_a_library_that_did_not_open_lets_go_of_its_file(tmp_path):
    path = tmp_path / "movies.db"
    path.write_bytes(b"this is a spreadsheet, not a database" * 100)
    with pytest.raises(StorageError):
        MovieRepository(f"sqlite:///{path}")
    open_files = {os.path.realpath(fd) for fd in Path("/proc/self/fd").iterdir()}
    assert str(path.resolve()) not in open_files
