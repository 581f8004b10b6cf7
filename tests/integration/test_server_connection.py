"""A server database may drop a connection the library holds idle; the next call still works."""

import pytest
from sqlalchemy import create_engine, make_url, text

from movie_tracker.models import Movie
from tests.postgres import BACKEND, server_url

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="needs a PostgreSQL server")


def terminate_connections_to(database_url) -> list[bool]:
    """What a server restart or an idle timeout does: end every session on the database."""
    admin = create_engine(server_url(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return list(
                conn.execute(
                    # the timeout makes it wait until each session has really ended
                    text(
                        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                        " WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": make_url(database_url).database},
                ).scalars()
            )
    finally:
        admin.dispose()


def test_a_dropped_idle_connection_is_replaced_before_the_next_read(repository, database_url):
    repository.add_movie(Movie(title="Heat"))
    terminated = terminate_connections_to(database_url)
    assert terminated
    assert all(terminated)
    assert [m.title for m in repository.get_all_movies()] == ["Heat"]
    assert repository.add_movie(Movie(title="Alien")).title == "Alien"
