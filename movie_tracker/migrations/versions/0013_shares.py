"""Share links.

`shares` keeps the read-only links a person made to their watchlist, a list or their
diary: what each shows, the name it is shared under, whether ratings and notes show, and
the SHA-256 of its secret (never the secret). A list's link goes with its list (ON DELETE
CASCADE). One new table; nothing else changes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "shares",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("list_id", sa.Integer, sa.ForeignKey("lists.id", ondelete="CASCADE")),
        sa.Column("secret_hash", sa.Text, nullable=False),
        sa.Column("display_name", sa.Text, nullable=False, server_default=""),
        sa.Column("show_ratings", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("show_notes", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("revoked_at", sa.Text),
        sqlite_autoincrement=True,
    )
    op.create_index("ux_shares_secret_hash", "shares", ["secret_hash"], unique=True)
    op.create_index("ix_shares_owner_id", "shares", ["owner", "id"])
    op.create_index("ix_shares_list_id", "shares", ["list_id"])


def downgrade() -> None:
    """The share links go (every link stops working); everything else stays."""
    op.drop_index("ix_shares_list_id", table_name="shares")
    op.drop_index("ix_shares_owner_id", table_name="shares")
    op.drop_index("ux_shares_secret_hash", table_name="shares")
    op.drop_table("shares")
