"""Dates as people remember them: a watch is dated to a day, a month or a year.

`watches.watched_precision` says how much of the date is known: 'day', 'month' or 'year'
(their text sorts in that order). `watched_on` stays one day, the one that places the
watch: the day itself, or the last day of its month or year; so the diary's ranges by
year, its order and its index keep working. Every watch there is was dated to the day (or
not at all), so every existing row is 'day'. The diary's index and the index a movie's
last watch is read through gain the precision, which orders watches placed on one day.
Plain ADD COLUMN: no batch copy.

Downgrade keeps every watch on the day that places it, without its precision.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "watches",
        sa.Column("watched_precision", sa.Text, nullable=False, server_default="day"),
    )
    _indexes(
        ["owner", "watched_on", "watched_precision", "id"],
        ["movie_id", "watched_on", "watched_precision"],
    )


def downgrade() -> None:
    _indexes(["owner", "watched_on", "id"], ["movie_id", "watched_on"])
    op.drop_column("watches", "watched_precision")


def _indexes(diary: list[str], movie: list[str]) -> None:
    op.drop_index("ix_watches_owner_watched_on", table_name="watches")
    op.create_index("ix_watches_owner_watched_on", "watches", diary)
    op.drop_index("ix_watches_movie_id", table_name="watches")
    op.create_index("ix_watches_movie_id", "watches", movie)
