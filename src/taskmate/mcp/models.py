"""What MCP tools changed, kept so that ``undo`` can reverse it from any instance."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from taskmate.db.base import Base, new_id


class McpChange(Base):
    """One tool call that changed something: its name and result (which the assistant's undo
    handlers read), until when it can be undone, and when it was."""

    __tablename__ = "mcp_changes"
    __table_args__ = (Index(None, "user_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    undo_until: Mapped[datetime]
    undone_at: Mapped[datetime | None]
