"""The connection's outbox: bounded, never blocking the publisher, finished in order."""

from __future__ import annotations

import asyncio

import pytest

from taskmate.chat.live.outbox import Finished, Outbox, Overflowed


async def test_finish_hands_out_what_is_queued_then_ends() -> None:
    outbox = Outbox(4)
    outbox.put("a")
    outbox.put("b")
    outbox.finish()
    assert [await outbox.get(), await outbox.get()] == ["a", "b"]
    with pytest.raises(Finished):
        await outbox.get()


async def test_finish_wakes_a_waiting_reader() -> None:
    outbox = Outbox(4)
    reader = asyncio.create_task(outbox.get())
    started, _waiting = await asyncio.wait({reader}, timeout=0)
    assert not started  # it waits for an entry
    outbox.finish()
    with pytest.raises(Finished):
        await reader


async def test_a_full_outbox_drops_its_entries_and_overflows() -> None:
    outbox = Outbox(2)
    for entry in "abc":
        outbox.put(entry)
    with pytest.raises(Overflowed):
        await outbox.get()


async def test_an_idle_outbox_says_so_after_the_idle_time() -> None:
    assert await Outbox(2).get(idle=0) is None
