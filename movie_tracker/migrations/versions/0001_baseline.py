"""Baseline: the schema Movie Tracker had before Alembic (its schema_version 2).

Brings up an empty database, upgrades the seed's columns-only movies table, and takes over
a database already at version 2 as it is. Every row is kept; the old schema_version table
goes, as alembic_version now says where the database is.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("movie_tracker.migrations")

# The statuses as this revision knows them, so that later changes to models.Status
# cannot change what it does.
STATUSES = ("Watched", "Want to Watch")
WANT_TO_WATCH = "Want to Watch"

movies = sa.table(
    "movies",
    sa.column("id", sa.Integer),
    sa.column("title", sa.Text),
    sa.column("director", sa.Text),
    sa.column("genre", sa.Text),
    sa.column("status", sa.Text),
    sa.column("imdb_id", sa.Text),
    sa.column("poster_url", sa.Text),
    sa.column("date_added", sa.Text),
)


def upgrade() -> None:
    conn = op.get_bind()
    tables = set(sa.inspect(conn).get_table_names())
    if "movies" not in tables:
        _create_movies()
    elif _version_before_alembic(conn, tables) < 2:
        _upgrade_seed_movies(conn)
    if "events" not in tables:
        _create_events()
    if "schema_version" in tables:
        op.drop_table("schema_version")


def downgrade() -> None:
    """Back to the database the last version before Alembic opens: schema_version 2."""
    schema_version = op.create_table(
        "schema_version", sa.Column("version", sa.Integer, nullable=False)
    )
    op.bulk_insert(schema_version, [{"version": 2}])


def _create_movies() -> None:
    op.create_table(
        "movies",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("director", sa.Text),
        sa.Column("genre", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("imdb_id", sa.Text),
        sa.Column("poster_url", sa.Text),
        sa.Column("date_added", sa.Text, nullable=False),
        sa.Column("year", sa.Integer),
        sqlite_autoincrement=True,
    )
    _create_movie_indexes()


def _create_movie_indexes() -> None:
    op.create_index("ux_movies_imdb_id", "movies", ["imdb_id"], unique=True)
    op.create_index("ix_movies_status", "movies", ["status"])
    op.create_index("ix_movies_date_added", "movies", ["date_added"])


def _create_events() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ts", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("movie_id", sa.Integer),
        sa.Column("title", sa.Text),
        sa.Column("status", sa.Text),
        sa.Column("details", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_events_movie_id", "events", ["movie_id"])


def _version_before_alembic(conn: sa.Connection, tables: set[str]) -> int:
    """The seed had no schema_version table: that is version 1."""
    if "schema_version" not in tables:
        return 1
    return conn.execute(sa.text("SELECT MAX(version) FROM schema_version")).scalar() or 1


def _upgrade_seed_movies(conn: sa.Connection) -> None:
    """Add year, clean the values older versions let in, make IMDb IDs unique."""
    columns = {column["name"] for column in sa.inspect(conn).get_columns("movies")}
    if "year" not in columns:
        op.add_column("movies", sa.Column("year", sa.Integer))
    for column in (movies.c.imdb_id, movies.c.poster_url, movies.c.director, movies.c.genre):
        conn.execute(
            movies.update().where(sa.func.trim(column).in_(["", "N/A"])).values({column: None})
        )
    _normalise_statuses(conn)
    _normalise_dates_added(conn)
    _release_duplicate_imdb_ids(conn)
    _create_movie_indexes()


def _normalise_statuses(conn: sa.Connection) -> None:
    """Statuses in another case or spacing become the app's; anything else, Want to Watch."""
    for status in STATUSES:
        conn.execute(
            movies.update()
            .where(sa.func.lower(sa.func.trim(movies.c.status)) == status.lower())
            .values(status=status)
        )
    unknown = conn.execute(
        movies.update()
        .where(movies.c.status.not_in(STATUSES) | movies.c.status.is_(None))
        .values(status=WANT_TO_WATCH)
    ).rowcount
    if unknown:
        log.warning("Set %d movies with an unknown status to Want to Watch", unknown)


def _normalise_dates_added(conn: sa.Connection) -> None:
    """ISO-8601 UTC text everywhere, so dates sort and group by month; a date that cannot
    be read becomes the time of the upgrade."""
    upgraded_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for movie_id, stored in conn.execute(sa.select(movies.c.id, movies.c.date_added)).all():
        parsed = _parse_utc(stored)
        normal = parsed.isoformat(timespec="seconds") if parsed else upgraded_at
        if normal != stored:
            conn.execute(movies.update().where(movies.c.id == movie_id).values(date_added=normal))


def _parse_utc(value: str | None) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value or "")
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _release_duplicate_imdb_ids(conn: sa.Connection) -> None:
    """Older versions allowed one IMDb ID twice: the first-added movie keeps it."""
    first = (
        sa.select(sa.func.min(movies.c.id))
        .where(movies.c.imdb_id.is_not(None))
        .group_by(movies.c.imdb_id)
        .scalar_subquery()
    )
    released = conn.execute(
        movies.update()
        .where(movies.c.imdb_id.is_not(None), movies.c.id.not_in(first))
        .values(imdb_id=None)
    ).rowcount
    if released:
        log.warning("Cleared the repeated IMDb ID of %d movies added twice", released)
