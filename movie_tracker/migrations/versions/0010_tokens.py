"""Connections: tokens for media servers' webhooks and the personal API.

`tokens` keeps each connection's owner, name, kind, the server users whose plays count,
the timezone it dates plays in, and the SHA-256 of its secret (never the secret), found
by a unique index. `watches.token_id` says which connection logged a watch, so a play sent
twice logs one watch. Plain CREATE TABLE and ADD COLUMN: no batch copy.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("secret_hash", sa.Text, nullable=False),
        sa.Column("server_users", sa.Text, nullable=False, server_default="[]"),
        sa.Column("timezone", sa.Text, nullable=False, server_default="UTC"),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("last_used_at", sa.Text),
        sa.Column("revoked_at", sa.Text),
        sqlite_autoincrement=True,
    )
    op.create_index("ux_tokens_secret_hash", "tokens", ["secret_hash"], unique=True)
    op.create_index("ix_tokens_owner_id", "tokens", ["owner", "id"])
    op.add_column("watches", sa.Column("token_id", sa.Integer))


def downgrade() -> None:
    """Watches stay, without the connection that logged them; the tokens go."""
    op.drop_column("watches", "token_id")
    op.drop_index("ix_tokens_owner_id", table_name="tokens")
    op.drop_index("ux_tokens_secret_hash", table_name="tokens")
    op.drop_table("tokens")
