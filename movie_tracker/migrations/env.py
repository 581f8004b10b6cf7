"""How Alembic reaches the library.

The app passes its own open connection (config.attributes["connection"]) and commits the
upgrade with its transaction; from the command line the database is DATABASE_URL.
"""

from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from movie_tracker.config import DEFAULT_DATABASE_URL
from movie_tracker.store.engine import (
    create_library_engine,
    refuse_newer_library,
    wait_for_other_upgrades,
)
from movie_tracker.store.tables import metadata


def run_migrations(connection: Connection) -> None:
    wait_for_other_upgrades(connection)
    refuse_newer_library(connection, context.script)
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite alters most things only by copying the table: let revisions do that.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_from_the_command_line() -> None:
    if context.config.config_file_name is not None:
        fileConfig(context.config.config_file_name, disable_existing_loggers=False)
    engine = create_library_engine(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    try:
        with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection:
            run_migrations(connection)
    finally:
        engine.dispose()


shared_connection = context.config.attributes.get("connection")
if shared_connection is None:
    run_from_the_command_line()
else:
    run_migrations(shared_connection)
