"""OMDb requests per day: omdb_requests counts the requests the app sends to OMDb on each
UTC day, so fill-in keeps to OMDB_DAILY_LIMIT across restarts and app servers.

The one table without an owner: OMDb's key is the deployment's, and so is its count. A new
table only; the downgrade drops it (and the count, which matters for a day at most).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "omdb_requests",
        sa.Column("day", sa.Text, primary_key=True),
        sa.Column("requests", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("omdb_requests")
