"""Bulk-loads a benchmark dataset straight into the database (much faster than the API)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import create_engine, insert, select, text, update
from sqlalchemy.engine import Engine

from taskmate.auth.models import User
from taskmate.auth.passwords import hash_password
from taskmate.chat.models import Conversation, Item
from taskmate.tasks.models import Project, Task, due_sort_key

BATCH = 20_000
PASSWORD = "benchmark password"


@dataclass(frozen=True, kw_only=True)
class Dataset:
    total_tasks: int
    target_tasks: int
    users: int

    @property
    def target_email(self) -> str:
        return "target@bench.example.com"


def sync_engine(url: str) -> Engine:
    return create_engine(url.replace("+aiosqlite", ""))


def _task_rows(
    user_id: str, count: int, projects: list[int], rng: random.Random
) -> Iterator[dict[str, object]]:
    now = datetime(2026, 1, 15, 12, tzinfo=UTC)
    base = date(2026, 1, 1)
    for index in range(count):
        due_date = base + timedelta(days=rng.randrange(120)) if rng.random() < 0.7 else None
        due_time = (
            time(rng.randrange(24), rng.choice((0, 30)))
            if due_date and rng.random() < 0.5
            else None
        )
        done = rng.random() < 0.2
        yield {
            "user_id": user_id,
            "project_id": rng.choice(projects) if projects and rng.random() < 0.6 else None,
            "title": f"Task {index} for the benchmark",
            "description": "",
            "priority": rng.randrange(5),
            "due_date": due_date,
            "due_time": due_time,
            "due_sort": due_sort_key(due_date, due_time),
            "completed_at": now if done else None,
            "created_at": now,
            "updated_at": now,
        }


def _user_row(user_id: str, email: str, password_hash: str) -> dict[str, object]:
    return {
        "id": user_id,
        "email": email,
        "name": "",
        "password_hash": password_hash,
        "timezone": "UTC",
        "created_at": datetime.now(UTC),
        "updated_at": datetime.now(UTC),
    }


def seed_users(url: str, emails: list[str]) -> None:
    """Accounts (password ``PASSWORD``) in an empty, migrated database."""
    password_hash = hash_password(PASSWORD)
    engine = sync_engine(url)
    with engine.begin() as connection:
        connection.execute(
            insert(User), [_user_row(str(uuid.uuid4()), email, password_hash) for email in emails]
        )
    engine.dispose()


def seed(url: str, dataset: Dataset) -> None:
    """Fills an empty, migrated database: one target user plus others sharing the remainder."""
    rng = random.Random(7)
    engine = sync_engine(url)
    password_hash = hash_password(PASSWORD)
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.execute(text("PRAGMA synchronous=OFF"))
        others = max(dataset.users - 1, 1)
        per_other = (dataset.total_tasks - dataset.target_tasks) // others
        plan = [(dataset.target_email, dataset.target_tasks)] + [
            (f"user{index}@bench.example.com", per_other) for index in range(others)
        ]
        for email, count in plan:
            user_id = str(uuid.uuid4())
            connection.execute(insert(User), [_user_row(user_id, email, password_hash)])
            project_ids = [
                connection.execute(
                    insert(Project).returning(Project.id),
                    {
                        "user_id": user_id,
                        "name": f"Project {n}",
                        "name_key": f"project {n}",
                        "archived": False,
                        "created_at": datetime.now(UTC),
                        "updated_at": datetime.now(UTC),
                    },
                ).scalar_one()
                for n in range(5)
            ]
            batch: list[dict[str, object]] = []
            for row in _task_rows(user_id, count, project_ids, rng):
                batch.append(row)
                if len(batch) == BATCH:
                    connection.execute(insert(Task), batch)
                    batch = []
            if batch:
                connection.execute(insert(Task), batch)
        connection.execute(text("ANALYZE"))
    engine.dispose()


def seed_messages(url: str, conversation_id: str, count: int) -> None:
    """Appends ``count`` user messages by the owner to a conversation, as the engine would
    (``seq`` and ``position`` 1..count), straight into the database."""
    engine = sync_engine(url)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        owner_id = connection.execute(
            select(Conversation.owner_id).where(Conversation.id == conversation_id)
        ).scalar_one()
        rows = [
            {
                "id": str(uuid.uuid4()),
                "conversation_id": conversation_id,
                "type": "message",
                "status": "completed",
                "seq": number,
                "position": number,
                "role": "user",
                "author_id": owner_id,
                "content": f"Message {number} of the *history* benchmark",
                "client_id": str(uuid.uuid4()),
                "data": {},
                "created_at": now,
                "updated_at": now,
            }
            for number in range(1, count + 1)
        ]
        for start in range(0, count, BATCH):
            connection.execute(insert(Item), rows[start : start + BATCH])
        connection.execute(
            update(Conversation)
            .where(Conversation.id == conversation_id)
            .values(last_seq=count, last_position=count)
        )
        # Statistics, as autovacuum keeps them for a conversation that grew this long;
        # without them PostgreSQL sorts the whole conversation for every page.
        connection.execute(text("ANALYZE"))
    engine.dispose()
