"""Revision 0013 (share links), tested from the state before it, with rows, on SQLite and
on PostgreSQL."""

from __future__ import annotations

from movie_tracker.models import LIST, WATCHLIST, secret_hash
from movie_tracker.store import MovieRepository
from tests.integration.test_migrations import migrate, query, run_sql, table_names

BEFORE = "0012"


def a_library_at_0012(database_url: str) -> str:
    """A movie and a list holding it, as 0012 left them."""
    migrate(database_url, BEFORE)
    run_sql(
        database_url,
        "INSERT INTO movies (owner, title, status, date_added, search_key)"
        " VALUES ('local', 'Heat', 'Want to Watch', '2026-01-01T00:00:00+00:00', 'heat')",
    )
    run_sql(
        database_url,
        "INSERT INTO lists (owner, name, name_key, description, created_at)"
        " VALUES ('local', 'Noir', 'noir', '', '2026-01-02T00:00:00+00:00')",
    )
    return database_url


def test_0013_keeps_every_movie_and_list_and_makes_links_to_them(database_url):
    a_library_at_0012(database_url)
    assert "shares" not in table_names(database_url)

    repository = MovieRepository(database_url)
    try:
        assert "shares" in table_names(database_url)
        assert repository.count_movies() == 1
        noir = repository.lists()[0]
        made = repository.add_share(LIST, noir.id, secret_hash("a-long-enough-secret"))
        assert made.list_name == "Noir"
        assert repository.share_by_secret_any_owner(secret_hash("a-long-enough-secret")) == made
    finally:
        repository.dispose()


def test_0013_downgrades_to_0012_keeping_every_movie_and_list(database_url):
    a_library_at_0012(database_url)
    repository = MovieRepository(database_url)
    repository.add_share(WATCHLIST, None, secret_hash("a-long-enough-secret"))
    repository.dispose()

    migrate(database_url, BEFORE, down=True)

    assert "shares" not in table_names(database_url)
    assert query(database_url, "SELECT COUNT(*) FROM movies") == [(1,)]
    assert query(database_url, "SELECT COUNT(*) FROM lists") == [(1,)]
    assert query(database_url, "SELECT version_num FROM alembic_version") == [(BEFORE,)]
    again = MovieRepository(database_url)
    try:
        assert again.shares() == []  # upgraded again on opening: no link survives
    finally:
        again.dispose()
