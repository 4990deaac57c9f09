"""how each user wants dates, times and the app shown

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 17:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PREFERENCES = (
    ("clock", 3, "12h"),
    ("date_format", 3, "mdy"),
    ("week_start", 8, "monday"),
    ("theme", 6, "system"),
)


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        for name, length, default in PREFERENCES:
            batch_op.add_column(
                sa.Column(name, sa.String(length=length), server_default=default, nullable=False)
            )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        for name, _, _ in reversed(PREFERENCES):
            batch_op.drop_column(name)
