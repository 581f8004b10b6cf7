"""Alembic owns the schema: each revision is tested from the state before it, on SQLite
and on PostgreSQL, and every row survives."""

import logging
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from freezegun import freeze_time
from sqlalchemy import create_engine, inspect, text

from movie_tracker import events
from movie_tracker.models import LOCAL_OWNER, Movie, Owner, Status, Watch
from movie_tracker.service import MovieService
from movie_tracker.store import (
    DuplicateMovieError,
    MovieRepository,
    StorageError,
    create_library_engine,
    metadata,
)
from movie_tracker.store.engine import alembic_config

ROOT = Path(__file__).parents[2]
HEAD = "0013"
AUTOINCREMENT_ID = {
    "sqlite": "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT",
    "postgresql": "id SERIAL NOT NULL PRIMARY KEY",
}
SEED_SCHEMA = """
CREATE TABLE movies (
    {id},
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
SEED_INSERT = (
    "INSERT INTO movies (title, director, genre, status, imdb_id, poster_url, date_added)"
    " VALUES (:title, :director, :genre, :status, :imdb_id, :poster_url, :date_added)"
)
# The schema the last version before Alembic wrote (schema_version 2), as it created it.
VERSION_2_SCHEMA = [
    """CREATE TABLE events (
        {id}, ts TEXT NOT NULL, name TEXT NOT NULL, movie_id INTEGER, title TEXT,
        status TEXT, details TEXT NOT NULL)""",
    "CREATE INDEX ix_events_movie_id ON events (movie_id)",
    """CREATE TABLE movies (
        {id}, title TEXT NOT NULL, director TEXT, genre TEXT, status TEXT NOT NULL,
        imdb_id TEXT, poster_url TEXT, date_added TEXT NOT NULL, year INTEGER)""",
    "CREATE INDEX ix_movies_status ON movies (status)",
    "CREATE UNIQUE INDEX ux_movies_imdb_id ON movies (imdb_id)",
    "CREATE INDEX ix_movies_date_added ON movies (date_added)",
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    "INSERT INTO schema_version (version) VALUES (2)",
    "INSERT INTO movies (title, director, genre, status, imdb_id, date_added, year) VALUES"
    " ('Amélie', 'Jean-Pierre Jeunet', 'Comedy, Romance', 'Watched', 'tt0211915',"
    " '2025-01-02T10:00:00+00:00', 2001)",
    "INSERT INTO movies (title, status, date_added) VALUES"
    " ('École', 'Want to Watch', '2025-02-03T10:00:00+00:00')",
    "INSERT INTO events (ts, name, movie_id, title, status, details) VALUES"
    " ('2025-01-02T10:00:00+00:00', 'movie.added', 1, 'Amélie', 'Watched', '{{}}')",
    "INSERT INTO events (ts, name, movie_id, title, status, details) VALUES"
    " ('2025-02-03T10:00:00+00:00', 'movie.added', 2, 'École', 'Want to Watch', '{{}}')",
]
UPGRADED_AT = "2026-11-25 15:00:00"


def run_sql(database_url, *statements, params=None):
    """Run raw SQL on the test database, as an older app or a person would have."""
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            dialect = conn.dialect.name
            for statement in statements:
                conn.execute(text(statement.format(id=AUTOINCREMENT_ID[dialect])), params)
    finally:
        engine.dispose()


def query(database_url, sql):
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).all()
    finally:
        engine.dispose()


def table_names(database_url):
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def migrate(database_url, revision, *, down=False):
    engine = create_library_engine(database_url)
    try:
        with engine.begin() as conn:
            run = command.downgrade if down else command.upgrade
            run(alembic_config(conn), revision)
    finally:
        engine.dispose()


@pytest.fixture
def seed_database(database_url) -> str:
    """The seed app's library: a movies table with only its columns, and messy values."""
    run_sql(database_url, SEED_SCHEMA)
    keys = ("title", "director", "genre", "status", "imdb_id", "poster_url", "date_added")
    rows = [dict(zip(keys, row, strict=True)) for row in SEED_ROWS]
    run_sql(database_url, SEED_INSERT, params=rows)
    return database_url


@pytest.fixture
def version_2_database(database_url) -> str:
    run_sql(database_url, *VERSION_2_SCHEMA)
    return database_url


@pytest.fixture
def opened():
    """Open a MovieRepository and dispose of it after the test."""
    repositories = []

    def open_library(url):
        repositories.append(MovieRepository(url))
        return repositories[-1]

    yield open_library
    for repository in repositories:
        repository.dispose()


@pytest.fixture
def keep_logging():
    """alembic.ini configures logging as the command line wants it; undo that afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


# -- revision 0001: from the seed ---------------------------------------------------------


@freeze_time(UPGRADED_AT)
def test_seed_database_is_upgraded_and_keeps_every_row(seed_database, opened):
    movies = {m.id: m for m in opened(seed_database).get_all_movies()}
    assert len(movies) == len(SEED_ROWS)
    assert [movies[i].title for i in (1, 2, 3, 4, 5)] == ["Heat", "Alien", "Heat", "Up", "Brazil"]
    assert movies[5].date_added == datetime(2026, 11, 25, 15, tzinfo=timezone.utc)
    jaws = movies[6]
    assert (jaws.director, jaws.genre, jaws.imdb_id, jaws.poster_url) == (None,) * 4
    assert jaws.date_added == datetime(2024, 5, 6, 5, tzinfo=timezone.utc)
    assert movies[1].director == "Michael Mann"
    assert movies[1].year is None
    assert movies[2].status is Status.WANT_TO_WATCH
    assert movies[4].status is Status.WANT_TO_WATCH
    assert movies[4].poster_url == "https://img.example.org/up.jpg"
    assert movies[4].date_added == datetime(2026, 11, 25, 15, tzinfo=timezone.utc)
    assert movies[1].imdb_id == "tt0113277"
    assert movies[2].imdb_id is None
    assert movies[3].imdb_id is None
    assert movies[1].date_added == datetime(2024, 1, 2, 10, tzinfo=timezone.utc)


def test_upgraded_seed_database_has_the_new_rules(seed_database, opened):
    repository = opened(seed_database)
    with pytest.raises(DuplicateMovieError):
        repository.add_movie(Movie(title="Heat", imdb_id="tt0113277"))
    added = repository.add_movie(Movie(title="Se7en", year=1995))
    assert added.id > len(SEED_ROWS)  # the upgrade keeps ids; PostgreSQL may skip some
    assert repository.recent_events()[0].title == "Se7en"


def test_upgrade_is_recorded_and_runs_once(seed_database, opened):
    opened(seed_database).dispose()
    assert query(seed_database, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert "schema_version" not in table_names(seed_database)
    run_sql(seed_database, "UPDATE movies SET status = 'seen it' WHERE id = 2")
    again = opened(seed_database)
    assert again.count_movies() == 6
    assert query(seed_database, "SELECT status FROM movies WHERE id = 2") == [("seen it",)]


def test_a_seed_database_that_already_has_a_year_column_keeps_its_years(database_url, opened):
    run_sql(
        database_url,
        SEED_SCHEMA,
        "ALTER TABLE movies ADD COLUMN year INTEGER",
        "INSERT INTO movies (title, status, year, date_added)"
        " VALUES ('Heat', 'Watched', 1995, '2024-01-02T10:00:00+00:00')",
    )
    (heat,) = opened(database_url).get_all_movies()
    assert (heat.title, heat.year, heat.status) == ("Heat", 1995, Status.WATCHED)


@freeze_time(UPGRADED_AT)
def test_statistics_of_an_upgraded_seed_database(seed_database, opened):
    repository = opened(seed_database)
    stats = MovieService(repository).statistics()
    assert (stats.counts.watched, stats.counts.want_to_watch) == (4, 2)
    assert stats.watched_by_month[0] == ("2024-01", 1)
    assert stats.watched_by_month[-1] == ("2026-11", 1)
    assert sum(count for _month, count in stats.watched_by_month) == 4
    assert [m.title for m in repository.get_all_movies()][:2] == ["Brazil", "Up"]


# -- revision 0001: from a library made before Alembic, and from nothing ------------------


def test_a_version_2_library_is_taken_over_as_it_is(version_2_database, opened):
    repository = opened(version_2_database)
    amelie, ecole = repository.get_movie(1), repository.get_movie(2)
    assert (amelie.title, amelie.year, amelie.status) == ("Amélie", 2001, Status.WATCHED)
    assert (ecole.title, ecole.status) == ("École", Status.WANT_TO_WATCH)
    assert [e.title for e in repository.recent_events()] == ["École", "Amélie"]
    assert query(version_2_database, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert "schema_version" not in table_names(version_2_database)
    assert repository.library_version() == 2  # the newest event's id, as before
    assert [m.title for m in repository.find_movies(text="AMELIE jeunet")] == ["Amélie"]
    assert repository.add_movie(Movie(title="Heat")).id == 3
    assert repository.library_version() == 3


def test_an_empty_database_gets_exactly_the_schema_the_code_queries(database_url, opened):
    opened(database_url).dispose()
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    finally:
        engine.dispose()


def test_downgrade_to_base_gives_back_a_version_2_library(database_url, opened):
    opened(database_url).add_movie(Movie(title="Heat"))
    migrate(database_url, "base", down=True)
    assert query(database_url, "SELECT version FROM schema_version") == [(2,)]
    assert query(database_url, "SELECT title FROM movies") == [("Heat",)]
    assert [m.title for m in opened(database_url).get_all_movies()] == ["Heat"]
    assert "schema_version" not in table_names(database_url)


# -- revision 0002: search keys and the library version -----------------------------------

MANY = 1201  # more than one batch of search keys


def test_0002_gives_every_existing_movie_its_search_key(database_url, opened):
    migrate(database_url, "0001")
    rows = [
        {"title": f"Movie {n}", "status": "Watched", "date_added": "2025-01-01T00:00:00+00:00"}
        for n in range(MANY)
    ]
    run_sql(
        database_url,
        "INSERT INTO movies (title, status, date_added) VALUES (:title, :status, :date_added)",
        params=rows,
    )
    run_sql(database_url, *VERSION_2_SCHEMA[8:])  # Amélie and École, with their events
    repository = opened(database_url)
    assert repository.count_movies() == MANY + 2
    assert [m.title for m in repository.find_movies(text="AMÉLIE")] == ["Amélie"]
    assert [m.title for m in repository.find_movies(text="ecole")] == ["École"]
    assert repository.count_movies(text="movie") == MANY
    assert [m.title for m in repository.find_movies(text="movie 1200")] == ["Movie 1200"]
    assert query(database_url, "SELECT COUNT(*) FROM movies WHERE search_key IS NULL") == [(0,)]


def test_0002_starts_the_version_at_the_newest_event(database_url, opened):
    migrate(database_url, "0001")
    run_sql(database_url, *VERSION_2_SCHEMA[8:])
    run_sql(database_url, "DELETE FROM events WHERE id = 1")
    migrate(database_url, "0002")
    assert query(database_url, "SELECT id, version FROM library_state") == [(1, 2)]
    assert opened(database_url).library_version() == 2


def test_0002_on_a_library_without_events_starts_at_zero(database_url, opened):
    migrate(database_url, "0001")
    assert opened(database_url).library_version() == 0


def test_0002_downgrades_to_0001_and_back(database_url, opened):
    repository = opened(database_url)
    repository.add_movie(Movie(title="Amélie"))
    repository.add_movie(Movie(title="École"))
    repository.delete_movie(repository.add_movie(Movie(title="Deleted")).id)
    repository.dispose()
    migrate(database_url, "0001", down=True)
    assert "library_state" not in table_names(database_url)
    assert query(database_url, "SELECT id, title FROM movies ORDER BY id") == [
        (1, "Amélie"),
        (2, "École"),
    ]
    again = opened(database_url)
    assert [m.title for m in again.find_movies(text="AMELIE")] == ["Amélie"]
    assert again.add_movie(Movie(title="Heat")).id == 4  # a deleted movie's id is not reused


# -- revision 0003: the diary ------------------------------------------------------------

MOVIES_AT_0002 = [
    # id, title, genre, status, date_added
    (1, "Heat", "Crime, Drama", "Watched", "2024-01-02T10:00:00+00:00"),
    (2, "Alien", "Horror", "Watched", "2024-02-03T10:00:00+00:00"),
    (3, "Amélie", "Comédie, Romance", "Watched", "2024-03-04T23:30:00+00:00"),
    (4, "Up", None, "Want to Watch", "2024-04-05T10:00:00+00:00"),
    (6, "Jaws", None, "Watched", "2024-06-07T10:00:00+00:00"),
]
EVENTS_AT_0002 = [
    # ts, name, movie_id, status
    ("2024-01-02T10:00:00+00:00", "movie.added", 1, "Watched"),
    ("2024-02-03T10:00:00+00:00", "movie.added", 2, "Want to Watch"),
    ("2024-05-20T21:15:00+00:00", "movie.status_changed", 2, "Watched"),
    ("2024-04-05T10:00:00+00:00", "movie.added", 4, "Watched"),
    ("2024-04-09T10:00:00+00:00", "movie.status_changed", 4, "Want to Watch"),
    ("2024-05-01T10:00:00+00:00", "movie.deleted", 5, "Watched"),
    ("2024-06-07T10:00:00+00:00", "movie.added", 6, "Watched"),
    ("2024-07-01T10:00:00+00:00", "movie.status_changed", 6, "Want to Watch"),
    ("2024-08-15T10:00:00+00:00", "movie.status_changed", 6, "Watched"),
]


@pytest.fixture
def library_at_0002(database_url) -> str:
    """A library at 0002 with movies and their history; movie 5 was deleted, and Amélie
    (3) predates the events table."""
    migrate(database_url, "0002")
    keys = ("id", "title", "genre", "status", "date_added")
    run_sql(
        database_url,
        "INSERT INTO movies (id, title, genre, status, date_added, search_key)"
        " VALUES (:id, :title, :genre, :status, :date_added, lower(:title))",
        params=[dict(zip(keys, row, strict=True)) for row in MOVIES_AT_0002],
    )
    keys = ("ts", "name", "movie_id", "status")
    run_sql(
        database_url,
        "INSERT INTO events (ts, name, movie_id, status, details)"
        " VALUES (:ts, :name, :movie_id, :status, '{{}}')",
        params=[dict(zip(keys, row, strict=True)) for row in EVENTS_AT_0002],
    )
    if "postgresql" in database_url:
        run_sql(database_url, "SELECT setval('movies_id_seq', 6)")
    else:
        run_sql(database_url, "UPDATE sqlite_sequence SET seq = 6 WHERE name = 'movies'")
    return database_url


def test_0003_gives_each_watched_movie_one_watch_dated_when_it_was_marked(library_at_0002, opened):
    repository = opened(library_at_0002)

    watched = {
        watch.movie.title: (watch.watched_on, watch.rating, watch.review, watch.rewatch)
        for watch in repository.diary()
    }
    assert watched == {
        "Heat": (date(2024, 1, 2), None, "", False),  # added as Watched
        "Alien": (date(2024, 5, 20), None, "", False),  # marked Watched later
        "Amélie": (date(2024, 3, 4), None, "", False),  # no events: its date_added
        "Jaws": (date(2024, 8, 15), None, "", False),  # the newest time it was marked
    }
    assert repository.count_diary() == 4  # Up is no longer Watched
    assert repository.get_movie(2).last_watched == date(2024, 5, 20)
    assert repository.watches_by_month(2024) == [
        ("2024-01", 1),
        ("2024-03", 1),
        ("2024-05", 1),
        ("2024-08", 1),
    ]
    logged = repository.find_watches(1)[0].logged_at
    assert logged == datetime(2024, 1, 2, 10, tzinfo=timezone.utc)


def test_0003_keeps_every_movie_and_event_and_fills_the_new_columns(library_at_0002, opened):
    repository = opened(library_at_0002)

    assert [m.id for m in repository.find_movies(sort="title")] == [2, 3, 1, 6, 4]
    assert len(repository.recent_events(limit=100)) == len(EVENTS_AT_0002)
    heat = repository.get_movie(1)
    assert (heat.rating, heat.runtime_minutes, heat.plot, heat.language) == (None,) * 4
    assert [m.title for m in repository.find_movies(genre="comedie")] == ["Amélie"]
    assert repository.genres() == ["Comédie", "Crime", "Drama", "Horror", "Romance"]
    assert repository.add_movie(Movie(title="New")).id == 7  # deleted 5 and 6 not reused
    assert repository.log_watch(Watch(1)).id == 5


def test_0003_downgrades_to_0002_and_back(library_at_0002, opened):
    repository = opened(library_at_0002)
    repository.rate_movie(1, 4.5)
    repository.dispose()

    migrate(library_at_0002, "0002", down=True)
    assert "watches" not in table_names(library_at_0002)
    assert query(library_at_0002, "SELECT COUNT(*) FROM movies") == [(5,)]

    again = opened(library_at_0002)
    assert again.count_diary() == 4
    assert again.get_movie(1).rating is None


# -- revision 0004: movies OMDb was asked about ------------------------------------------


def test_0004_downgrades_to_0003_and_back_keeping_every_movie(library_at_0002, opened):
    repository = opened(library_at_0002)
    repository.fill_in_details(1, {"plot": "Filled in."})
    assert 1 not in [m.id for m in repository.movies_missing_details(10)]
    repository.dispose()

    migrate(library_at_0002, "0003", down=True)
    assert query(library_at_0002, "SELECT COUNT(*) FROM movies") == [(5,)]

    again = opened(library_at_0002)
    assert again.get_movie(1).plot == "Filled in."
    assert 1 in [m.id for m in again.movies_missing_details(10)]  # asked again: not recorded


# -- revision 0005: one library per owner ----------------------------------------------------

SOMEONE = Owner.signed_in("https://accounts.example.org", "1234")


def test_0005_gives_every_existing_row_to_the_local_library(library_at_0002, opened):
    migrate(library_at_0002, "0004")
    before = query(library_at_0002, "SELECT version FROM library_state")
    repository = opened(library_at_0002)

    for table in ("movies", "watches", "events"):
        owners = query(library_at_0002, f"SELECT DISTINCT owner FROM {table}")
        assert owners == [("local",)]
    assert repository.library_version() == before[0][0]
    assert [m.id for m in repository.find_movies(sort="title")] == [2, 3, 1, 6, 4]
    assert repository.count_diary() == 4
    assert len(repository.recent_events(limit=100)) == len(EVENTS_AT_0002)
    assert "library_state" not in table_names(library_at_0002)


def test_0005_keeps_ids_counting_and_lets_two_owners_share_an_imdb_id(library_at_0002, opened):
    local = opened(library_at_0002)
    local.update_movie_details(1, Movie(title="Heat"))
    assert local.fill_in_details(1, {"imdb_id": "tt0113277"}).imdb_id == "tt0113277"
    someone = local.for_owner(SOMEONE)

    theirs = someone.add_movie(Movie(title="Heat", imdb_id="tt0113277"))

    assert theirs.id == 7  # deleted 5 and 6 not reused
    assert local.find_by_imdb_id("tt0113277").id == 1
    assert someone.find_by_imdb_id("tt0113277") == theirs
    with pytest.raises(DuplicateMovieError):
        local.add_movie(Movie(title="Heat again", imdb_id="tt0113277"))


def test_0005_downgrades_to_0004_keeping_the_local_library(library_at_0002, opened):
    local = opened(library_at_0002)
    local.rate_movie(1, 4.5)
    local.for_owner(SOMEONE).add_movie(Movie(title="Not local"))
    version = local.library_version()
    local.dispose()

    migrate(library_at_0002, "0004", down=True)
    assert query(library_at_0002, "SELECT COUNT(*) FROM movies") == [(5,)]
    assert query(library_at_0002, "SELECT version FROM library_state") == [(version,)]

    again = opened(library_at_0002)
    assert again.get_movie(1).rating == 4.5
    assert again.for_owner(LOCAL_OWNER).library_version() == version


# -- revision 0006: the rewatch mark a file gives an entry ------------------------------------


def test_0006_keeps_every_watch_unmarked_and_its_rewatch_flag(library_at_0002, opened):
    migrate(library_at_0002, "0005")
    run_sql(
        library_at_0002,
        "INSERT INTO watches (owner, movie_id, watched_on, review, tags, rewatch, logged_at)"
        " VALUES ('local', 1, '2025-01-01', 'Again.', '[]', :rewatch, '2025-01-02T10:00:00')",
        params=[{"rewatch": True}],
    )
    before = query(library_at_0002, "SELECT id, movie_id, watched_on, rewatch FROM watches")

    repository = opened(library_at_0002)

    after = query(library_at_0002, "SELECT id, movie_id, watched_on, rewatch FROM watches")
    assert after == before
    assert len(after) == 5
    assert query(library_at_0002, "SELECT DISTINCT seen_before FROM watches") == [(False,)]
    assert [(w.rewatch, w.seen_before) for w in repository.find_watches(1)] == [
        (True, False),
        (False, False),
    ]


def test_0006_downgrades_to_0005_keeping_every_watch(library_at_0002, opened):
    opened(library_at_0002).dispose()

    migrate(library_at_0002, "0005", down=True)
    assert query(library_at_0002, "SELECT COUNT(*) FROM watches") == [(4,)]
    engine = create_engine(library_at_0002)
    columns = {column["name"] for column in inspect(engine).get_columns("watches")}
    engine.dispose()
    assert "seen_before" not in columns

    assert opened(library_at_0002).count_diary() == 4


# -- revision 0007: the diary's stars rate the film ---------------------------------------

MOVIES_AT_0006 = [
    # id, owner, title, rating
    (1, "local", "Heat", None),
    (2, "local", "Alien", 2.0),
    (3, "local", "Up", None),
    (4, "local", "Jaws", None),
    (5, "local", "Brazil", None),
    (6, "local", "Psycho", None),
    (7, SOMEONE.key, "Heat", None),
]
WATCHES_AT_0006 = [
    # movie_id, owner, watched_on, rating, logged_at
    (1, "local", "2024-01-01", 3.0, "2024-01-01T20:00:00+00:00"),
    (1, "local", "2024-06-01", 4.0, "2024-06-01T20:00:00+00:00"),  # Heat: the latest rated
    (1, "local", None, 5.0, "2025-01-01T20:00:00+00:00"),  # undated: the oldest
    (1, "local", "2024-09-01", None, "2024-09-01T20:00:00+00:00"),  # no stars
    (2, "local", "2025-01-01", 5.0, "2025-01-01T20:00:00+00:00"),  # Alien keeps its own 2
    (3, "local", None, 3.0, "2024-03-01T20:00:00+00:00"),
    (3, "local", None, 1.5, "2024-04-01T20:00:00+00:00"),  # Up: undated, logged last
    (4, "local", "2024-05-01", None, "2024-05-01T20:00:00+00:00"),  # Jaws: no stars at all
    (5, "local", "2024-07-01", 2.5, "2024-07-02T20:00:00+00:00"),
    (5, "local", "2024-07-01", 3.5, "2024-07-01T20:00:00+00:00"),  # same day, logged first
    (6, "local", "2024-08-01", 1.0, "2024-08-01T20:00:00+00:00"),
    (6, "local", "2024-08-01", 4.5, "2024-08-01T20:00:00+00:00"),  # same moment, logged last
    (7, SOMEONE.key, "2023-01-01", 0.5, "2023-01-01T20:00:00+00:00"),
]


@pytest.fixture
def library_at_0006(database_url) -> str:
    """Films rated only in the diary, as 0006 left them, in two owners' libraries; a third
    owner changed nothing of theirs."""
    migrate(database_url, "0006")
    keys = ("id", "owner", "title", "rating")
    run_sql(
        database_url,
        "INSERT INTO movies (id, owner, title, rating, status, date_added, search_key)"
        " VALUES (:id, :owner, :title, :rating, 'Watched', '2024-01-01T00:00:00+00:00',"
        " lower(:title))",
        params=[dict(zip(keys, row, strict=True)) for row in MOVIES_AT_0006],
    )
    keys = ("movie_id", "owner", "watched_on", "rating", "logged_at")
    run_sql(
        database_url,
        "INSERT INTO watches (movie_id, owner, watched_on, rating, logged_at)"
        " VALUES (:movie_id, :owner, :watched_on, :rating, :logged_at)",
        params=[dict(zip(keys, row, strict=True)) for row in WATCHES_AT_0006],
    )
    run_sql(
        database_url,
        "UPDATE library_versions SET version = 7 WHERE owner = 'local'",
        "INSERT INTO library_versions (owner, version) VALUES (:someone, 3), ('nobody', 9)",
        params={"someone": SOMEONE.key},
    )
    return database_url


def test_0007_rates_each_unrated_film_with_its_latest_rated_watch(library_at_0006, opened):
    local = opened(library_at_0006)

    ratings = {movie.title: movie.rating for movie in local.find_movies()}
    assert ratings == {
        "Heat": 4.0,  # the newest dated watch with stars; the undated 5 is the oldest
        "Alien": 2.0,  # rated itself: kept
        "Up": 1.5,  # only undated watches: the one logged last
        "Jaws": None,  # no watch with stars
        "Brazil": 2.5,  # two on one day: the one logged last
        "Psycho": 4.5,  # logged at the same moment: the later one
    }
    assert local.for_owner(SOMEONE).get_movie(7).rating == 0.5  # their own watch's stars
    assert [w.rating for w in local.find_watches(1)] == [None, 4.0, 3.0, 5.0]  # unchanged
    assert titles_rated(local) == ["Psycho", "Brazil", "Up", "Alien", "Heat"]


def titles_rated(repository):
    return [movie.title for movie in repository.find_movies(rated=True)]


def test_0007_moves_on_the_versions_of_the_owners_whose_films_it_rated(library_at_0006, opened):
    local = opened(library_at_0006)

    assert local.library_version() == 8
    assert local.for_owner(SOMEONE).library_version() == 4
    versions = dict(query(library_at_0006, "SELECT owner, version FROM library_versions"))
    assert versions["nobody"] == 9


def test_0007_downgrades_to_0006_keeping_every_rating(library_at_0006, opened):
    opened(library_at_0006).dispose()

    migrate(library_at_0006, "0006", down=True)

    assert query(library_at_0006, "SELECT version_num FROM alembic_version") == [("0006",)]
    rated = query(library_at_0006, "SELECT id, rating FROM movies WHERE id IN (1, 4) ORDER BY id")
    assert rated == [(1, 4.0), (4, None)]
    assert opened(library_at_0006).get_movie(1).rating == 4.0


# -- revision 0008: OMDb requests per day -----------------------------------------------------

A_DAY = date(2026, 11, 25)


def test_0008_starts_counting_omdb_requests_and_keeps_the_library(library_at_0002, opened):
    migrate(library_at_0002, "0007")
    movies = query(library_at_0002, "SELECT COUNT(*) FROM movies")
    assert "omdb_requests" not in table_names(library_at_0002)

    repository = opened(library_at_0002)

    assert query(library_at_0002, "SELECT COUNT(*) FROM movies") == movies
    assert repository.omdb_requests(A_DAY) == 0
    assert repository.record_omdb_requests(3, A_DAY) == 3
    assert query(library_at_0002, "SELECT day, requests FROM omdb_requests") == [("2026-11-25", 3)]


def test_0008_downgrades_to_0007_and_back(library_at_0002, opened):
    repository = opened(library_at_0002)
    repository.record_omdb_requests(3, A_DAY)
    repository.dispose()

    migrate(library_at_0002, "0007", down=True)
    assert "omdb_requests" not in table_names(library_at_0002)
    assert query(library_at_0002, "SELECT COUNT(*) FROM movies") == [(5,)]

    assert opened(library_at_0002).omdb_requests(A_DAY) == 0


def test_contributors_upgrade_from_the_command_line(database_url, monkeypatch, keep_logging):
    monkeypatch.setenv("DATABASE_URL", database_url)
    command.upgrade(Config(str(ROOT / "alembic.ini")), "head")
    assert query(database_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert {"movies", "events"} <= table_names(database_url)


def test_an_installed_app_upgrades_database_url_without_alembic_ini(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    command.upgrade(alembic_config(), "head")
    assert query(database_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert query(database_url, "SELECT owner, version FROM library_versions") == [("local", 0)]


# -- a library from a newer Movie Tracker ---------------------------------------------------

NEWER_LIBRARIES = {
    "alembic revision": [
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
        "INSERT INTO alembic_version (version_num) VALUES ('9001')",
        "CREATE TABLE movies (id INTEGER PRIMARY KEY, title TEXT, rating INTEGER)",
        "INSERT INTO movies (id, title, rating) VALUES (1, 'Heat', 5)",
    ],
    "schema version": [
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        "INSERT INTO schema_version (version) VALUES (3)",
        "CREATE TABLE movies (id INTEGER PRIMARY KEY, title TEXT, rating INTEGER)",
        "INSERT INTO movies (id, title, rating) VALUES (1, 'Heat', 5)",
    ],
}


@pytest.mark.parametrize("marker", NEWER_LIBRARIES)
def test_a_library_from_a_newer_version_is_refused_and_left_alone(database_url, marker, caplog):
    caplog.set_level(logging.INFO, logger=events.LOGGER_NAME)
    run_sql(database_url, *NEWER_LIBRARIES[marker])
    before = table_names(database_url)
    with pytest.raises(StorageError) as caught:
        MovieRepository(database_url)
    message = str(caught.value)
    assert message.startswith("Could not open the library: ")
    assert "written by a newer version of Movie Tracker" in message
    assert "Upgrade Movie Tracker" in message
    assert "point DATABASE_URL at another library" in message
    assert table_names(database_url) == before
    assert query(database_url, "SELECT id, title, rating FROM movies") == [(1, "Heat", 5)]
    (error,) = [r for r in caplog.records if getattr(r, "event", None) == "db.error"]
    assert error.event_fields["operation"] == "open the library"


@pytest.mark.sqlite_only
@pytest.mark.parametrize("marker", NEWER_LIBRARIES)
def test_a_newer_library_file_keeps_every_byte(tmp_path, marker):
    path = tmp_path / "newer.db"
    run_sql(f"sqlite:///{path}", *NEWER_LIBRARIES[marker])
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer version of Movie Tracker"):
        MovieRepository(f"sqlite:///{path}")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]
