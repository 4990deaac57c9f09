"""Migrations on both databases: empty to head, the schema matches the models, back down."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection

from taskmate.config import Settings
from taskmate.db import migrate
from taskmate.db.models import Base
from tests.db_backends import BACKENDS, empty_database


def sync_url(url: str) -> str:
    return url.replace("sqlite://", "sqlite+pysqlite://").replace(
        "postgresql://", "postgresql+psycopg://"
    )


def schema_drift(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return [
        diff
        for diff in compare_metadata(context, Base.metadata)
        # Alembic cannot compare the index with a DESC column; its presence is checked below.
        if not (isinstance(diff, tuple) and getattr(diff[1], "name", "") == "ix_tasks_open_order")
    ]


def add_user(connection: Connection) -> None:
    """The user 'u1'."""
    connection.execute(
        text(
            "INSERT INTO users (id, email, name, password_hash, timezone, "
            "created_at, updated_at) VALUES ('u1', 'a@example.com', 'Ada', 'x', "
            "'UTC', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        )
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_from_empty_matches_the_models_and_downgrades(backend: str, tmp_path: Path) -> None:
    with empty_database(backend, tmp_path) as url:
        async_url = Settings(database_url=url).resolved_database_url
        migrate.upgrade(async_url)
        assert migrate.current_revision(async_url) == migrate.head_revision(async_url)
        engine = create_engine(sync_url(url))
        try:
            with engine.connect() as connection:
                assert schema_drift(connection) == []
                indexes = {index["name"] for index in inspect(connection).get_indexes("tasks")}
                assert "ix_tasks_open_order" in indexes
            migrate.downgrade(async_url, "0001")
            assert migrate.current_revision(async_url) == "0001"
            with engine.connect() as connection:
                assert "conversations" not in inspect(connection).get_table_names()
            migrate.upgrade(async_url)
            assert migrate.current_revision(async_url) == migrate.head_revision(async_url)
        finally:
            engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_display_preferences_default_for_existing_users_and_go_away_on_downgrade(
    backend: str, tmp_path: Path
) -> None:
    with empty_database(backend, tmp_path) as url:
        async_url = Settings(database_url=url).resolved_database_url
        migrate.upgrade(async_url, "0008")
        engine = create_engine(sync_url(url))
        try:
            with engine.begin() as connection:
                add_user(connection)
            migrate.upgrade(async_url)
            with engine.connect() as connection:
                row = connection.execute(
                    text("SELECT clock, date_format, week_start, theme FROM users")
                ).one()
            assert tuple(row) == ("12h", "mdy", "monday", "system")
            migrate.downgrade(async_url, "0008")
            with engine.connect() as connection:
                columns = {column["name"] for column in inspect(connection).get_columns("users")}
                assert connection.execute(text("SELECT email FROM users")).scalar() == (
                    "a@example.com"
                )
            assert not columns & {"clock", "date_format", "week_start", "theme"}
        finally:
            engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_existing_tasks_keep_the_order_they_were_made_in(backend: str, tmp_path: Path) -> None:
    with empty_database(backend, tmp_path) as url:
        async_url = Settings(database_url=url).resolved_database_url
        migrate.upgrade(async_url, "0009")
        engine = create_engine(sync_url(url))
        try:
            with engine.begin() as connection:
                add_user(connection)
                for task_id in (7, 3):
                    connection.execute(
                        text(
                            "INSERT INTO tasks (id, user_id, title, description, priority, "
                            "due_sort, created_at, updated_at) VALUES (:id, 'u1', 't', '', 0, "
                            "'~', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                        ),
                        {"id": task_id},
                    )
            migrate.upgrade(async_url, "0010")
            with engine.connect() as connection:
                rows = connection.execute(text("SELECT id, position FROM tasks ORDER BY id"))
                assert [tuple(row) for row in rows] == [(3, 3), (7, 7)]
            migrate.downgrade(async_url, "0009")
            with engine.connect() as connection:
                columns = {column["name"] for column in inspect(connection).get_columns("tasks")}
            assert "position" not in columns
        finally:
            engine.dispose()


def _add_tool_call(connection: Connection, item_id: str, position: int, data: str) -> None:
    connection.execute(
        text(
            "INSERT INTO items (id, conversation_id, type, status, seq, position, content, "
            "data, created_at, updated_at) VALUES (:id, 'c1', 'tool_call', 'succeeded', "
            ":position, :position, '', :data, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        ),
        {"id": item_id, "position": position, "data": data},
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_tool_calls_made_before_index_the_tasks_they_changed(backend: str, tmp_path: Path) -> None:
    with empty_database(backend, tmp_path) as url:
        async_url = Settings(database_url=url).resolved_database_url
        migrate.upgrade(async_url, "0010")
        engine = create_engine(sync_url(url))
        try:
            with engine.begin() as connection:
                add_user(connection)
                connection.execute(
                    text(
                        "INSERT INTO conversations (id, kind, status, assistant, owner_id, "
                        "last_seq, last_position, created_at, updated_at) VALUES ('c1', "
                        "'assistant', 'active', 'always', 'u1', 3, 3, CURRENT_TIMESTAMP, "
                        "CURRENT_TIMESTAMP)"
                    )
                )
                changed = '{"name": "update_tasks", "result": {"tasks": [{"id": 4}, {"id": 9}]}}'
                _add_tool_call(connection, "i1", 1, changed)
                found = '{"name": "find_tasks", "result": {"tasks": [{"id": 4}]}}'
                _add_tool_call(connection, "i2", 2, found)
                _add_tool_call(connection, "i3", 3, '{"name": "add_tasks", "result": null}')
            migrate.upgrade(async_url, "0011")
            with engine.connect() as connection:
                rows = connection.execute(
                    text("SELECT item_id, subject FROM item_subjects ORDER BY subject")
                )
                assert [tuple(row) for row in rows] == [("i1", "task:4"), ("i1", "task:9")]
            migrate.downgrade(async_url, "0010")
            with engine.connect() as connection:
                assert "item_subjects" not in inspect(connection).get_table_names()
        finally:
            engine.dispose()
