"""an index for the generation runner's polls (queued generations, expired leases)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 09:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_generations_status_lease_expires_at"),
        "generations",
        ["status", "lease_expires_at"],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_generations_status_lease_expires_at"), table_name="generations")
