"""Alembic revisions for the library's schema; the app upgrades a database when it opens it.

Contributors add a revision from a checkout with the root alembic.ini:
`alembic revision -m "what changes" --rev-id 0003`, then `alembic upgrade head`
(DATABASE_URL names the database, sqlite:///movies.db by default).

On SQLite, op.batch_alter_table copies a table to change it, and the copy forgets the
highest id AUTOINCREMENT has handed out: a deleted movie's id (and its events) could come
back. Prefer plain ALTERs where SQLite has them (ADD/DROP/RENAME COLUMN), or restore
sqlite_sequence in the revision, and test the revision with a deleted row.
"""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

SCRIPT_LOCATION = "movie_tracker:migrations"
LAST_VERSION_BEFORE_ALEMBIC = 2
UPGRADE_LOCK = 7_242_026  # any number of our own, for pg_advisory_xact_lock


class NewerLibraryError(Exception):
    """The database was written by a newer Movie Tracker, which this one cannot read."""


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's settings in code, so migrations run from an installed package too.

    With a connection, env.py migrates on it, inside the caller's transaction; without
    one, on DATABASE_URL. So a deployment with no alembic.ini can still upgrade:
    `alembic.command.upgrade(alembic_config(), "head")`.
    """
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def wait_for_other_upgrades(connection: Connection) -> None:
    """Let one app process at a time upgrade the database, until its transaction ends.

    SQLite writers already take turns (BEGIN IMMEDIATE). On PostgreSQL two processes
    starting on a new database would otherwise both create the tables, and one would fail.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})


def refuse_newer_library(connection: Connection, script: ScriptDirectory) -> None:
    """Raise NewerLibraryError, before anything is written, for a schema this app does not know."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" in tables:
        known = {revision.revision for revision in script.walk_revisions()}
        found = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        unknown = sorted(set(found) - known)
        if unknown:
            raise NewerLibraryError(f"it is at revision {', '.join(unknown)}")
    elif "schema_version" in tables:
        version = connection.execute(
            text("SELECT MAX(version) FROM schema_version")
        ).scalar_one_or_none()
        if version is not None and version > LAST_VERSION_BEFORE_ALEMBIC:
            raise NewerLibraryError(f"it is at schema version {version}")
