"""A user's open tab, as far as reminders go: one live socket to a random instance, opened
again after every close, counting the ``reminder`` frames it gets per notification."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import Callable, Sequence

from websockets.exceptions import ConnectionClosed, InvalidHandshake

from chaos.rest import Account
from taskmate.client import TaskmateError
from taskmate.client.socket import open_authenticated, receive_frame

OPEN_TIMEOUT = 5.0
MAX_BACKOFF = 2.0


class ReminderListener:
    def __init__(self, sockets: Callable[[], Sequence[str]], account: Account) -> None:
        self.account = account
        self.heard: Counter[str] = Counter()  # reminder frames per notification id
        self.reconnects = 0
        self.refusals: list[str] = []
        self._sockets = sockets

    async def run(self) -> None:
        """Listens and reconnects until cancelled."""
        backoff = 0.1
        while True:
            try:
                socket, _ = await open_authenticated(
                    random.choice(self._sockets()), self.account.token, open_timeout=OPEN_TIMEOUT
                )
                backoff = 0.1
                async with socket:
                    while True:
                        frame = await receive_frame(socket)
                        if frame.get("type") == "reminder":
                            self.heard[str(frame["notification_id"])] += 1
            except (ConnectionClosed, OSError, TimeoutError, InvalidHandshake):
                self.reconnects += 1
            except TaskmateError as refused:
                self.refusals.append(f"{refused.code}: {refused.message}")
            await asyncio.sleep(random.uniform(0, backoff))  # backoff before reconnecting
            backoff = min(backoff * 2, MAX_BACKOFF)
