"""A user's channels outside the app: a browser's push subscription or an Apprise URL."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from taskmate.db.base import Base, new_id

ChannelKind = Literal["push", "apprise"]


class NotifyChannel(Base):
    """Where reminders go besides the app.

    ``address`` is the push service endpoint or the Apprise URL, which holds credentials:
    it leaves the server only towards its own service, never in a response or a log (people
    see ``label``). ``address_hash`` (SHA-256) makes it unique per user. ``p256dh`` and
    ``auth`` are a push subscription's keys. A channel that keeps failing gets
    ``disabled_at`` and a ``disabled_reason`` for people, and gets nothing until it is
    enabled again (a successful test, or the browser subscribing anew).
    """

    __tablename__ = "notify_channels"
    __table_args__ = (
        Index(None, "user_id", "address_hash", unique=True),
        Index(None, "address_hash"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[ChannelKind] = mapped_column(String(10))
    address: Mapped[str] = mapped_column(Text)
    address_hash: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    p256dh: Mapped[str | None] = mapped_column(String(100))
    auth: Mapped[str | None] = mapped_column(String(50))
    created_at: Mapped[datetime]
    disabled_at: Mapped[datetime | None]
    disabled_reason: Mapped[str | None] = mapped_column(String(300))
