"""A server database may drop a connection the library holds idle; the next call still
works. A library that did not open holds no connection."""

import pytest
from sqlalchemy import create_engine, make_url, text

from movie_tracker.models import Movie
from movie_tracker.store import MovieRepository, StorageError
from tests.postgres import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="needs a PostgreSQL server")


def server_url(database_url) -> str:
    """The server's own `postgres` database, to watch and end sessions on the test's."""
    return make_url(database_url).set(database="postgres").render_as_string(hide_password=False)


def sessions_on(database_url) -> int:
    admin = create_engine(server_url(database_url))
    try:
        with admin.connect() as conn:
            return conn.execute(
                text("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = :name"),
                {"name": make_url(database_url).database},
            ).scalar_one()
    finally:
        admin.dispose()


def terminate_connections_to(database_url) -> list[bool]:
    """What a server restart or an idle timeout does: end every session on the database."""
    admin = create_engine(server_url(database_url), isolation_level="AUTOCOMMIT")
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


def test_a_library_that_did_not_open_keeps_no_session(database_url):
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('9001')"))
    engine.dispose()
    with pytest.raises(StorageError, match="newer version"):
        MovieRepository(database_url)
    assert sessions_on(database_url) == 0
