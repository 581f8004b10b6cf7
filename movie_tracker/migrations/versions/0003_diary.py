"""The diary: dated watches, a movie's own rating, and more of OMDb's details.

movies gain the person's rating (stars, Float: half steps are exact in binary), OMDb's
runtime, plot, actors, IMDb rating, language and country, and genre_key: the genre list as
models.search_key gives it, between commas (",crime,drama,"), so the Library can filter by
one genre ignoring case and accents on every database.

watches holds one row a viewing. watched_on is 'YYYY-MM-DD' text (NULL when unknown): it
sorts, and its first 7 characters group by month, the same on SQLite and PostgreSQL. tags
is a JSON list in text: tags are only ever read with their watch, never searched, so a side
table would cost a join on every diary page for nothing.

Every movie now Watched gets one watch, dated when it was last marked Watched (the newest
movie.added as Watched or movie.status_changed to Watched), else its date_added.

Columns are added with plain ALTERs, never a batch copy: see migrations/__init__.py.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from movie_tracker.models import search_key

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH_SIZE = 500
WATCHED = "Watched"  # as this revision knows it
NEW_MOVIE_COLUMNS = (
    ("rating", sa.Float),
    ("runtime_minutes", sa.Integer),
    ("plot", sa.Text),
    ("actors", sa.Text),
    ("imdb_rating", sa.Float),
    ("language", sa.Text),
    ("country", sa.Text),
    ("genre_key", sa.Text),
)

movies = sa.table(
    "movies",
    sa.column("id", sa.Integer),
    sa.column("genre", sa.Text),
    sa.column("genre_key", sa.Text),
    sa.column("status", sa.Text),
    sa.column("date_added", sa.Text),
)
events = sa.table(
    "events",
    sa.column("ts", sa.Text),
    sa.column("name", sa.Text),
    sa.column("movie_id", sa.Integer),
    sa.column("status", sa.Text),
)


def upgrade() -> None:
    for name, type_ in NEW_MOVIE_COLUMNS:
        op.add_column("movies", sa.Column(name, type_))
    conn = op.get_bind()
    _fill_genre_keys(conn)
    watches = op.create_table(
        "watches",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "movie_id",
            sa.Integer,
            sa.ForeignKey("movies.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("watched_on", sa.Text),
        sa.Column("rating", sa.Float),
        sa.Column("review", sa.Text, nullable=False, server_default=""),
        sa.Column("tags", sa.Text, nullable=False, server_default="[]"),
        sa.Column("rewatch", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("logged_at", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_watches_watched_on", "watches", ["watched_on", "id"])
    op.create_index("ix_watches_movie_id", "watches", ["movie_id", "watched_on"])
    _backfill_watches(conn, watches)


def downgrade() -> None:
    op.drop_table("watches")
    for name, _type in reversed(NEW_MOVIE_COLUMNS):
        op.drop_column("movies", name)


def _backfill_watches(conn: sa.Connection, watches: sa.Table) -> None:
    """One watch for each Watched movie, in one INSERT ... SELECT."""
    marked = sa.func.coalesce(sa.func.max(events.c.ts), movies.c.date_added)
    watched_by = (
        (events.c.movie_id == movies.c.id)
        & (events.c.status == WATCHED)
        & events.c.name.in_(["movie.added", "movie.status_changed"])
    )
    query = (
        sa.select(
            movies.c.id,
            sa.func.substr(marked, 1, 10),
            sa.literal(""),
            sa.literal("[]"),
            sa.false(),
            marked,
        )
        .select_from(movies.outerjoin(events, watched_by))
        .where(movies.c.status == WATCHED)
        .group_by(movies.c.id, movies.c.date_added)
        .order_by(movies.c.id)
    )
    columns = ["movie_id", "watched_on", "review", "tags", "rewatch", "logged_at"]
    conn.execute(watches.insert().from_select(columns, query))


def _fill_genre_keys(conn: sa.Connection) -> None:
    """A batch at a time, in id order, so a large library never sits in memory at once."""
    update = (
        movies.update()
        .where(movies.c.id == sa.bindparam("movie_id"))
        .values(genre_key=sa.bindparam("key"))
    )
    last_id = 0
    while True:
        batch = conn.execute(
            sa.select(movies.c.id, movies.c.genre)
            .where(movies.c.id > last_id)
            .order_by(movies.c.id)
            .limit(BATCH_SIZE)
        ).all()
        if not batch:
            return
        conn.execute(update, [{"movie_id": r.id, "key": genre_key(r.genre)} for r in batch])
        last_id = batch[-1].id


def genre_key(genre: str | None) -> str:
    """ ",crime,drama,": each genre in OMDb's comma list by its search key, between commas."""
    names = [search_key(name).strip() for name in (genre or "").split(",")]
    return "," + "".join(f"{name}," for name in names if name)
