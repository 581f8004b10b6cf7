"""A database made by an earlier version is upgraded in place without losing a row."""

import sqlite3
from datetime import datetime, timezone

import pytest
from freezegun import freeze_time

from movie_tracker.db import SCHEMA_VERSION, DuplicateMovieError, MovieRepository
from movie_tracker.models import Movie, Status
from movie_tracker.service import MovieService

SEED_SCHEMA = """
CREATE TABLE movies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT,
    director TEXT,
    genre TEXT,
    status TEXT,
    imdb_id TEXT,
    poster_url TEXT,
    date_added TEXT
)
"""
SEED_ROWS = [
    ("Heat", "Michael Mann", "Crime, Drama", "Watched", "tt0113277", None, "2024-01-02 10:00:00"),
    ("Alien", "Ridley Scott", "Horror", "want to watch", "", None, "2024-02-03T08:00:00"),
    ("Heat", None, None, "Watched", "tt0113277", None, "2024-03-04T09:00:00+00:00"),
    ("Up", None, None, "Seen it", None, "https://img.example.org/up.jpg", None),
    ("Brazil", "Terry Gilliam", None, "Watched", None, None, "last tuesday"),
    ("Jaws", "N/A", "N/A", "Watched", "N/A", "N/A", "2024-05-06T07:00:00+02:00"),
]
UPGRADED_AT = "2026-11-25 15:00:00"


@pytest.fixture
def seed_database(tmp_path) -> str:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute(SEED_SCHEMA)
        conn.executemany(
            "INSERT INTO movies (title, director, genre, status, imdb_id, poster_url, date_added)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            SEED_ROWS,
        )
    conn.close()
    return f"sqlite:///{path}"


@freeze_time(UPGRADED_AT)
def test_seed_database_is_upgraded_and_keeps_every_row(seed_database):
    repository = MovieRepository(seed_database)
    try:
        movies = {m.id: m for m in repository.get_all_movies()}
        assert len(movies) == len(SEED_ROWS)
        assert [movies[i].title for i in (1, 2, 3, 4, 5)] == [
            "Heat",
            "Alien",
            "Heat",
            "Up",
            "Brazil",
        ]
        assert movies[5].date_added == datetime(2026, 11, 25, 15, tzinfo=timezone.utc)
        jaws = movies[6]
        assert (jaws.director, jaws.genre, jaws.imdb_id, jaws.poster_url) == (None,) * 4
        assert jaws.date_added == datetime(2024, 5, 6, 5, tzinfo=timezone.utc)
        assert movies[1].director == "Michael Mann"
        assert movies[1].year is None
        assert movies[2].status is Status.WANT_TO_WATCH
        assert movies[4].status is Status.WANT_TO_WATCH
        assert movies[4].poster_url == "https://img.example.org/up.jpg"
        assert movies[4].date_added is not None
        assert movies[1].imdb_id == "tt0113277"
        assert movies[2].imdb_id is None
        assert movies[3].imdb_id is None
        assert movies[1].date_added.year == 2024
    finally:
        repository.dispose()


def test_upgraded_database_has_the_new_rules(seed_database):
    repository = MovieRepository(seed_database)
    try:
        with pytest.raises(DuplicateMovieError):
            repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
        added = repository.add_movie(Movie(title="Se7en", year=1995))
        assert added.id == 7
        assert repository.recent_events()[0].title == "Se7en"
    finally:
        repository.dispose()


def test_upgrade_is_recorded_and_runs_once(seed_database):
    MovieRepository(seed_database).dispose()
    path = seed_database.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        conn.execute("UPDATE movies SET status = 'Watched' WHERE id = 2")
    conn.close()
    again = MovieRepository(seed_database)
    try:
        assert again.get_movie(2).status is Status.WATCHED
        assert again.count_movies() == 6
    finally:
        again.dispose()


def test_a_database_that_already_has_a_year_column_keeps_its_years(tmp_path):
    path = tmp_path / "with_year.db"
    with sqlite3.connect(path) as conn:
        conn.execute(SEED_SCHEMA)
        conn.execute("ALTER TABLE movies ADD COLUMN year INTEGER")
        conn.execute(
            "INSERT INTO movies (title, status, year, date_added)"
            " VALUES ('Heat', 'Watched', 1995, '2024-01-02T10:00:00+00:00')"
        )
    conn.close()
    repository = MovieRepository(f"sqlite:///{path}")
    try:
        (heat,) = repository.get_all_movies()
        assert (heat.title, heat.year, heat.status) == ("Heat", 1995, Status.WATCHED)
    finally:
        repository.dispose()


@freeze_time(UPGRADED_AT)
def test_statistics_of_an_upgraded_database(seed_database):
    repository = MovieRepository(seed_database)
    try:
        stats = MovieService(repository).statistics()
        assert (stats.counts.watched, stats.counts.want_to_watch) == (4, 2)
        assert stats.watched_by_month[0] == ("2024-01", 1)
        assert stats.watched_by_month[-1] == ("2026-11", 1)
        assert sum(count for _month, count in stats.watched_by_month) == 4
        assert [m.title for m in repository.get_all_movies()][:2] == ["Brazil", "Up"]
    finally:
        repository.dispose()
