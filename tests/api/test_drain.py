"""The drain's order: refuse new connections, restart the open ones, wait for them to go,
then run the finishers (the generation runner's close)."""

from __future__ import annotations

import pytest

from taskmate.api.drain import Drain
from taskmate.errors import Unavailable


class Connection:
    transport = "ws"
    subscriptions = 0

    def __init__(self, drain: Drain, *, leaves_when_asked: bool = True) -> None:
        self.drain = drain
        self.leaves_when_asked = leaves_when_asked
        self.restarted = False

    def restart(self) -> None:
        self.restarted = True
        if self.leaves_when_asked:
            self.drain.release(self)


async def test_connections_are_restarted_and_gone_before_the_finishers_run() -> None:
    drain = Drain()
    connections = [Connection(drain), Connection(drain)]
    for connection in connections:
        drain.admit(connection)
    seen: list[int] = []

    async def finisher() -> None:
        seen.append(len(drain.connections))

    drain.on_drain(finisher)
    await drain.run()
    assert drain.draining
    assert all(connection.restarted for connection in connections)
    assert seen == [0]


async def test_a_draining_instance_refuses_new_connections() -> None:
    drain = Drain()
    await drain.run()
    with pytest.raises(Unavailable):
        drain.admit(Connection(drain))
    assert drain.connections == frozenset()


async def test_a_connection_that_never_leaves_does_not_hold_the_finishers_back() -> None:
    drain = Drain()
    stuck = Connection(drain, leaves_when_asked=False)
    drain.admit(stuck)
    finished: list[bool] = []

    async def finisher() -> None:
        finished.append(True)

    drain.on_drain(finisher)
    await drain.run(connections_grace=0.01)
    assert stuck.restarted
    assert finished == [True]


async def test_an_unregistered_finisher_does_not_run() -> None:
    drain = Drain()
    ran: list[bool] = []

    async def finisher() -> None:
        ran.append(True)

    forget = drain.on_drain(finisher)
    forget()
    await drain.run()
    assert ran == []
