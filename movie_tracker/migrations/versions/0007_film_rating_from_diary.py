"""The diary's stars rate the film: films rated only in the diary get that rating.

Until now logging a watch with stars left the film "Not rated", so the Rated filter, the
rating sort, the grid and the "Your ratings" chart missed it. From now on a watch's stars
rate the film (store/diary.py). Here every film without a rating of its own takes the
stars of its latest rated watch: the newest date watched (an unknown date counts as the
oldest), then the one logged last. A film with a rating keeps it. Each owner's films take
their own watches' stars, and the library version of every owner whose films changed
moves on, so a page cached on it is read again.

Downgrade keeps the ratings: they are what the diary said, and the schema is unchanged.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

movies = sa.table(
    "movies",
    sa.column("id", sa.Integer),
    sa.column("owner", sa.Text),
    sa.column("rating", sa.Float),
)
watches = sa.table(
    "watches",
    sa.column("id", sa.Integer),
    sa.column("movie_id", sa.Integer),
    sa.column("owner", sa.Text),
    sa.column("watched_on", sa.Text),
    sa.column("rating", sa.Float),
    sa.column("logged_at", sa.Text),
)
library_versions = sa.table(
    "library_versions", sa.column("owner", sa.Text), sa.column("version", sa.Integer)
)


def upgrade() -> None:
    rated = (
        (watches.c.movie_id == movies.c.id)
        & (watches.c.owner == movies.c.owner)
        & watches.c.rating.is_not(None)
    )
    unrated = movies.c.rating.is_(None) & sa.exists().where(rated)
    latest_stars = (
        sa.select(watches.c.rating)
        .where(rated)
        .order_by(
            watches.c.watched_on.is_(None),  # dated first: an unknown date is the oldest
            watches.c.watched_on.desc(),
            watches.c.logged_at.desc(),
            watches.c.id.desc(),
        )
        .limit(1)
        .scalar_subquery()
    )
    conn = op.get_bind()
    owners = sa.select(movies.c.owner).where(unrated).distinct()
    conn.execute(
        library_versions.update()
        .where(library_versions.c.owner.in_(owners))
        .values(version=library_versions.c.version + 1)
    )
    conn.execute(movies.update().where(unrated).values(rating=latest_stars))


def downgrade() -> None:
    """Nothing to undo: the films keep the ratings their diaries gave them."""
