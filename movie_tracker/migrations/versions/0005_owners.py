"""One library per person: an owner on every row of library data.

movies, watches and events get `owner` ("issuer|subject" of the person signed in, or
"local" without sign-in); every existing row is the local library's. The IMDb ID is unique
per owner, and the indexes the Library, the diary and the statistics read lead with the
owner, so another person's movies cost a query nothing. library_state (one row) becomes
library_versions, one version per owner, so a page cached on it moves only with its
owner's changes. Plain ADD COLUMN and new indexes: no batch copy (see migrations/__init__).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOCAL = "local"
OWNED = ("movies", "watches", "events")
OLD_INDEXES = (
    ("ux_movies_imdb_id", "movies", ["imdb_id"], True),
    ("ix_movies_status", "movies", ["status"], False),
    ("ix_movies_date_added", "movies", ["date_added"], False),
    ("ix_watches_watched_on", "watches", ["watched_on", "id"], False),
)
NEW_INDEXES = (
    ("ux_movies_owner_imdb_id", "movies", ["owner", "imdb_id"], True),
    ("ix_movies_owner_status", "movies", ["owner", "status"], False),
    ("ix_movies_owner_date_added", "movies", ["owner", "date_added"], False),
    ("ix_watches_owner_watched_on", "watches", ["owner", "watched_on", "id"], False),
    ("ix_events_owner_id", "events", ["owner", "id"], False),
)


def upgrade() -> None:
    for table in OWNED:
        op.add_column(table, sa.Column("owner", sa.Text, nullable=False, server_default=LOCAL))
    for name, table, _, _ in OLD_INDEXES:
        op.drop_index(name, table_name=table)
    for name, table, columns, unique in NEW_INDEXES:
        op.create_index(name, table, columns, unique=unique)
    versions = op.create_table(
        "library_versions",
        sa.Column("owner", sa.Text, primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
    )
    old = sa.table("library_state", sa.column("version", sa.Integer))
    version = op.get_bind().execute(sa.select(old.c.version)).scalar_one_or_none()
    op.bulk_insert(versions, [{"owner": LOCAL, "version": version or 0}])
    op.drop_table("library_state")


def downgrade() -> None:
    """Back to one library: only the local library's rows stay."""
    state = op.create_table(
        "library_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("id = 1", name="ck_library_state_one_row"),
    )
    versions = sa.table("library_versions", sa.column("owner"), sa.column("version"))
    version = (
        op.get_bind()
        .execute(sa.select(versions.c.version).where(versions.c.owner == LOCAL))
        .scalar_one_or_none()
    )
    op.bulk_insert(state, [{"id": 1, "version": version or 0}])
    op.drop_table("library_versions")
    for table in ("watches", "events", "movies"):
        op.execute(sa.table(table, sa.column("owner")).delete().where(sa.column("owner") != LOCAL))
    for name, table, _, _ in NEW_INDEXES:
        op.drop_index(name, table_name=table)
    for name, table, columns, unique in OLD_INDEXES:
        op.create_index(name, table, columns, unique=unique)
    for table in OWNED:
        op.drop_column(table, "owner")
