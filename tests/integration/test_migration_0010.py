"""Revision 0010 (connections: the tokens table and watches.token_id), tested from the
state before it, with rows, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date

from movie_tracker.models import Movie, Watch, secret_hash
from movie_tracker.store import MovieRepository
from tests.integration.test_migrations import migrate, query, run_sql, table_names

BEFORE = "0008"


def a_library_at_0008(database_url: str) -> str:
    """Two movies and a watch, as 0008 left them (an owner on every row)."""
    migrate(database_url, BEFORE)
    run_sql(
        database_url,
        "INSERT INTO movies (owner, title, status, date_added, search_key)"
        " VALUES ('local', 'Heat', 'Watched', '2026-01-01T00:00:00+00:00', 'heat'),"
        " ('local', 'Alien', 'Want to Watch', '2026-01-02T00:00:00+00:00', 'alien')",
        "INSERT INTO watches (owner, movie_id, watched_on, review, tags, rewatch, logged_at)"
        " SELECT 'local', id, '2026-01-03', 'Good', '[]', false, '2026-01-03T20:00:00+00:00'"
        " FROM movies WHERE title = 'Heat'",
    )
    return database_url


def test_0010_keeps_every_watch_and_adds_the_connections(database_url):
    a_library_at_0008(database_url)

    repository = MovieRepository(database_url)
    try:
        assert "tokens" in table_names(database_url)
        [heat] = [m for m in repository.find_movies() if m.title == "Heat"]
        assert [(w.watched_on, w.review) for w in repository.find_watches(heat.id)] == [
            (date(2026, 1, 3), "Good")
        ]
        assert query(database_url, "SELECT token_id FROM watches") == [(None,)]
        token = repository.add_token("Jellyfin", "jellyfin", secret_hash("s"))
        logged = repository.log_play(token, Movie(title="Heat"), Watch(0, date(2026, 1, 3)))
        assert (logged.movie_id, logged.duplicate) == (heat.id, False)
        assert repository.log_play(token, Movie(title="Heat"), Watch(0, date(2026, 1, 3))).duplicate
    finally:
        repository.dispose()


def test_0010_downgrades_to_0008_keeping_every_watch(database_url):
    a_library_at_0008(database_url)
    repository = MovieRepository(database_url)
    token = repository.add_token("Plex", "plex", secret_hash("s"))
    repository.log_play(token, Movie(title="Up", year=2009), Watch(0, date(2026, 2, 1)))
    repository.dispose()

    migrate(database_url, BEFORE, down=True)

    assert "tokens" not in table_names(database_url)
    assert query(database_url, "SELECT COUNT(*) FROM watches") == [(2,)]
    assert query(database_url, "SELECT version_num FROM alembic_version") == [(BEFORE,)]
    again = MovieRepository(database_url)
    try:
        assert again.count_diary() == 2
        assert again.tokens() == []  # upgraded again on opening: no token survives
    finally:
        again.dispose()
