"""Keep Letterboxd's Rewatch mark: watches.seen_before.

A diary entry a file marks as a rewatch (Letterboxd's `Rewatch: Yes`) says the person had
seen the film before it, even when it is the first entry of the film in the diary (seen
before the diary began). The app derives rewatches itself; with this column the first watch
of a film is a rewatch when it was seen before, every later one as before. Existing watches
were not marked (the mark was not kept), so every one starts false and no flag moves.
Plain ADD COLUMN: no batch copy (see migrations/__init__).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "watches",
        sa.Column("seen_before", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("watches", "seen_before")
