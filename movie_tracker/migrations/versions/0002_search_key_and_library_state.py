"""A search key for every movie, and the library's version counter.

movies.search_key is title, director and genre as models.search_key gives them (case and
accents dropped), so text search finds "Amélie" from "AMELIE" on every database.
library_state holds one row: the library's version, bumped in the same transaction as
every change. It starts at the newest event's id, the number the app used before, so a
page that cached by it never sees the version go backwards.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from movie_tracker.models import search_key

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH_SIZE = 500

movies = sa.table(
    "movies",
    sa.column("id", sa.Integer),
    sa.column("title", sa.Text),
    sa.column("director", sa.Text),
    sa.column("genre", sa.Text),
    sa.column("search_key", sa.Text),
)
events = sa.table("events", sa.column("id", sa.Integer))


def upgrade() -> None:
    op.add_column("movies", sa.Column("search_key", sa.Text))
    _fill_search_keys(op.get_bind())
    library_state = op.create_table(
        "library_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("id = 1", name="ck_library_state_one_row"),
    )
    newest_event = sa.select(sa.func.coalesce(sa.func.max(events.c.id), 0)).scalar_subquery()
    op.execute(sa.insert(library_state).values(id=1, version=newest_event))


def downgrade() -> None:
    op.drop_table("library_state")
    # A plain DROP COLUMN (SQLite 3.35+), not a batch copy of the table: the copy would
    # lose SQLite's record of the highest id used, and a deleted movie's id come back.
    op.drop_column("movies", "search_key")


def _fill_search_keys(conn: sa.Connection) -> None:
    """A batch at a time, in id order, so a large library never sits in memory at once."""
    update = (
        movies.update()
        .where(movies.c.id == sa.bindparam("movie_id"))
        .values(search_key=sa.bindparam("key"))
    )
    last_id = 0
    while True:
        batch = conn.execute(
            sa.select(movies.c.id, movies.c.title, movies.c.director, movies.c.genre)
            .where(movies.c.id > last_id)
            .order_by(movies.c.id)
            .limit(BATCH_SIZE)
        ).all()
        if not batch:
            return
        keys = [{"movie_id": row.id, "key": movie_search_key(*row[1:])} for row in batch]
        conn.execute(update, keys)
        last_id = batch[-1].id


def movie_search_key(title: str, director: str | None, genre: str | None) -> str:
    return search_key(" ".join(part for part in (title, director, genre) if part))
