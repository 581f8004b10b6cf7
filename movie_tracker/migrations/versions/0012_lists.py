"""Lists, and the order of the watchlist.

`lists` keeps each person's lists (one per name, case and accents ignored: `name_key`),
`list_entries` the films of each, with their place and note, and `watchlist_order` the
place a person gave each Want to Watch film. Three new tables, nothing else changes: every
film keeps its status, and a watchlist nobody ordered yet reads oldest added first.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-10
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lists",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ux_lists_owner_name_key", "lists", ["owner", "name_key"], unique=True)
    op.create_table(
        "list_entries",
        sa.Column(
            "list_id",
            sa.Integer,
            sa.ForeignKey("lists.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "movie_id",
            sa.Integer,
            sa.ForeignKey("movies.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("added_at", sa.Text, nullable=False),
    )
    op.create_index("ix_list_entries_list_id_position", "list_entries", ["list_id", "position"])
    op.create_index("ix_list_entries_movie_id", "list_entries", ["movie_id"])
    op.create_table(
        "watchlist_order",
        sa.Column(
            "movie_id",
            sa.Integer,
            sa.ForeignKey("movies.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_watchlist_order_owner_position", "watchlist_order", ["owner", "position"])


def downgrade() -> None:
    """The lists and the watchlist's order go; every movie and watch stays."""
    op.drop_index("ix_watchlist_order_owner_position", table_name="watchlist_order")
    op.drop_table("watchlist_order")
    op.drop_index("ix_list_entries_movie_id", table_name="list_entries")
    op.drop_index("ix_list_entries_list_id_position", table_name="list_entries")
    op.drop_table("list_entries")
    op.drop_index("ux_lists_owner_name_key", table_name="lists")
    op.drop_table("lists")
