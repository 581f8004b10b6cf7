"""Revision 0012 (lists, their entries and the watchlist's order), tested from the state
before it, with rows, on SQLite and on PostgreSQL."""

from __future__ import annotations

from movie_tracker.models import Status
from movie_tracker.store import MovieRepository
from tests.integration.test_migrations import migrate, query, run_sql, table_names

BEFORE = "0011"
NEW_TABLES = {"lists", "list_entries", "watchlist_order"}


def a_library_at_0011(database_url: str) -> str:
    """Three movies, two of them Want to Watch, as 0011 left them."""
    migrate(database_url, BEFORE)
    run_sql(
        database_url,
        "INSERT INTO movies (owner, title, status, date_added, search_key)"
        " VALUES ('local', 'Heat', 'Watched', '2026-01-01T00:00:00+00:00', 'heat'),"
        " ('local', 'Alien', 'Want to Watch', '2026-01-02T00:00:00+00:00', 'alien'),"
        " ('local', 'Up', 'Want to Watch', '2026-01-03T00:00:00+00:00', 'up')",
    )
    return database_url


def test_0012_keeps_every_movie_and_reads_the_watchlist_oldest_added_first(database_url):
    a_library_at_0011(database_url)
    assert not NEW_TABLES & table_names(database_url)

    repository = MovieRepository(database_url)
    try:
        assert table_names(database_url) >= NEW_TABLES
        assert repository.count_movies() == 3
        assert [movie.title for movie in repository.watchlist()] == ["Alien", "Up"]
        up = repository.find_movies(text="up")[0]
        assert repository.move_in_watchlist(up.id, 1) == 1
        made = repository.create_list("Noir")
        assert repository.add_to_list(made.id, up.id, "rain").position == 1
    finally:
        repository.dispose()


def test_0012_downgrades_to_0011_keeping_every_movie(database_url):
    a_library_at_0011(database_url)
    repository = MovieRepository(database_url)
    made = repository.create_list("Noir")
    for movie in repository.find_movies():
        repository.add_to_list(made.id, movie.id)
    repository.move_in_watchlist(repository.find_movies(text="up")[0].id, 1)
    repository.dispose()

    migrate(database_url, BEFORE, down=True)

    assert not NEW_TABLES & table_names(database_url)
    assert query(database_url, "SELECT COUNT(*) FROM movies") == [(3,)]
    assert query(database_url, "SELECT version_num FROM alembic_version") == [(BEFORE,)]
    again = MovieRepository(database_url)
    try:
        assert again.lists() == []  # upgraded again on opening: no list survives
        assert again.count_movies(Status.WANT_TO_WATCH) == 2
    finally:
        again.dispose()
