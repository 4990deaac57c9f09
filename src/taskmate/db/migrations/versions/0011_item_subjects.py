"""what tool calls touched (a task's activity), filled in for the calls made before

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 03:00:00.000000
"""

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The assistant's tools that change tasks, as they were when this revision was written; their
# results list the tasks they touched under "tasks".
TASK_TOOLS = (
    "add_tasks",
    "update_tasks",
    "complete_tasks",
    "reopen_tasks",
    "delete_tasks",
    "add_reminders",
    "delete_reminders",
    "snooze_reminder",
)
BATCH = 500

items = sa.table(
    "items",
    sa.column("id", sa.String),
    sa.column("type", sa.String),
    sa.column("status", sa.String),
    sa.column("data", sa.JSON),
)


def _subjects(data: Any) -> Iterator[str]:
    if not isinstance(data, dict) or data.get("name") not in TASK_TOOLS:
        return
    result = data.get("result")
    tasks = result.get("tasks") if isinstance(result, dict) else None
    for task in tasks if isinstance(tasks, list) else []:
        if isinstance(task, dict) and isinstance(task.get("id"), int):
            yield f"task:{task['id']}"


def _backfill() -> None:
    """The tool calls' subjects, a page of calls at a time (results can be large)."""
    connection = op.get_bind()
    subjects = sa.table(
        "item_subjects", sa.column("subject", sa.String), sa.column("item_id", sa.String)
    )
    calls = sa.select(items.c.id, items.c.data).where(
        items.c.type == "tool_call", items.c.status == "succeeded"
    )
    after = ""
    while page := connection.execute(
        calls.where(items.c.id > after).order_by(items.c.id).limit(BATCH)
    ).all():
        rows = [
            {"subject": subject, "item_id": item_id}
            for item_id, data in page
            for subject in dict.fromkeys(_subjects(data))
        ]
        if rows:
            connection.execute(subjects.insert(), rows)
        after = page[-1].id


def upgrade() -> None:
    op.create_table(
        "item_subjects",
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
            name=op.f("fk_item_subjects_item_id_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("subject", "item_id", name=op.f("pk_item_subjects")),
    )
    with op.batch_alter_table("item_subjects", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_item_subjects_item_id"), ["item_id"], unique=False)
    _backfill()


def downgrade() -> None:
    with op.batch_alter_table("item_subjects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_item_subjects_item_id"))
    op.drop_table("item_subjects")
