"""PostgreSQL for the test suite: a fresh, empty database per test on a real server.

The server's address comes from TEST_POSTGRES_URL (a SQLAlchemy URL whose user may create
databases, e.g. postgresql+psycopg://movies@127.0.0.1:55432/postgres). The suite runs on it
when TEST_BACKEND=postgres (the `postgres` tox env); otherwise every test uses SQLite.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

BACKEND = os.environ.get("TEST_BACKEND", "sqlite")


def server_url() -> str:
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        raise RuntimeError(
            "TEST_BACKEND=postgres needs TEST_POSTGRES_URL, the address of a PostgreSQL "
            "server whose user may create databases."
        )
    return url


@contextmanager
def fresh_database(server: str | None = None) -> Iterator[str]:
    """Create an empty database, yield its URL, drop it afterwards."""
    url = make_url(server or server_url())
    name = f"movies_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield url.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()
