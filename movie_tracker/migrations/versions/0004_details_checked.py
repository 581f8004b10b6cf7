"""Remember which movies OMDb was asked about for their missing details.

movies.details_checked_on is the day (YYYY-MM-DD) MovieService.fill_in_details looked the
movie up, found or not; NULL when it never did. Filling in details afterwards picks only
movies still missing an IMDb ID or a poster that were never looked up, so a movie OMDb does
not know is not asked about again every time, and a stopped run resumes where it stopped.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("movies", sa.Column("details_checked_on", sa.Text))


def downgrade() -> None:
    op.drop_column("movies", "details_checked_on")
