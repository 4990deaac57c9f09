"""The generation runner: answers queued messages with the responder, on any instance.

It starts queued generations, one at a time per conversation (in the order of the
messages they answer) and up to ``max_running`` at once overall. It learns of work from
``notify`` (a ``generation``/``queued`` event, for promptness) and by polling the database
(so that no lost message can leave work behind). Leases in the database make sure exactly
one instance runs each generation (``runner_lease``); the reaper interrupts the
generations of instances that died. A generation is a server task: no client connection
takes part in it, so a disconnect never affects it; only a stop request (or finalize) does.

``start()`` runs it in the background; ``close(grace=...)`` stops taking work, lets running
generations finish for up to ``grace`` seconds, then interrupts the rest. ``run()`` is
the same loop in the foreground: cancelling it is like the process dying (nothing more is
written; another instance's reaper interrupts what it held).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime, timedelta

import structlog

from taskmate.chat.responder import Responder
from taskmate.chat.runner_history import WarmHistory
from taskmate.chat.runner_lease import Claim, LeaseLost, Leases
from taskmate.chat.runner_parts import (
    ConversationFeed,
    GenerationProbe,
    NoProbe,
    RunnerParts,
    RunnerTiming,
)
from taskmate.chat.runner_reaper import Reaper
from taskmate.chat.runner_run import GenerationRun
from taskmate.chat.runner_stream import TransientPublisher
from taskmate.chat.stream_store import MemoryStreamStore, StreamStore
from taskmate.db.base import utcnow
from taskmate.db.engine import Database
from taskmate.events import ConversationEvent, EventPublisher

__all__ = ["ConversationFeed", "GenerationRunner", "RunnerTiming", "TransientPublisher"]

logger = structlog.get_logger(__name__)

DEFAULT_MAX_RUNNING = 1000


def default_instance_id() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"


class GenerationRunner:
    def __init__(
        self,
        *,
        database: Database,
        responder: Responder,
        publisher: EventPublisher,
        transient: TransientPublisher,
        feed: ConversationFeed,
        store: StreamStore | None = None,
        clock: Callable[[], datetime] = utcnow,
        timing: RunnerTiming | None = None,
        max_running: int = DEFAULT_MAX_RUNNING,
        instance_id: str | None = None,
        probe: GenerationProbe | None = None,
    ) -> None:
        timing = timing or RunnerTiming()
        self.instance_id = instance_id or default_instance_id()
        self._parts = RunnerParts(
            database=database,
            responder=responder,
            publisher=publisher,
            transient=transient,
            feed=feed,
            store=store or MemoryStreamStore(),
            leases=Leases(owner=self.instance_id, ttl=timedelta(seconds=timing.lease_ttl)),
            clock=clock,
            timing=timing,
            probe=probe or NoProbe(),
            history=WarmHistory(size=timing.history_size),
        )
        self._reaper = Reaper(self._parts)
        self._max_running = max_running
        self._runs: dict[str, tuple[GenerationRun, asyncio.Task[None]]] = {}
        self._by_conversation: dict[str, GenerationRun] = {}
        self._wake = asyncio.Event()
        self._hinted: dict[str, None] = {}  # conversations said to have work, in order
        self._accepting = True
        self._group: asyncio.TaskGroup | None = None
        self._main: asyncio.Task[None] | None = None

    def notify(self, event: ConversationEvent) -> None:
        """Hands the runner a conversation event: ``generation``/``queued`` makes it look
        for work at once; events about a conversation it is answering reach that
        generation (stop, answered choices). Cheap and safe to call with any event."""
        if event.kind == "generation" and event.payload.get("command") == "queued":
            self._hint(event.conversation_id)
        run = self._by_conversation.get(event.conversation_id)
        if run is not None:
            run.observe(event)

    def leases(self) -> Leases | None:
        """The leases a send starts a generation under for this runner (``chat.handoff``);
        None once it takes no more work."""
        if not self._accepting or self._group is None or len(self._runs) >= self._max_running:
            return None
        return self._parts.leases

    def take(self, claim: Claim) -> None:
        """Runs a generation a send started under ``leases()``. Closing meanwhile leaves it
        to ``close`` (which interrupts what this instance holds) or, past that, to a reaper."""
        if self._accepting and self._group is not None:
            self._spawn(claim)

    @property
    def running(self) -> int:
        return len(self._runs)

    async def start(self) -> None:
        self._main = asyncio.create_task(self.run(), name="generation-runner")

    async def run(self) -> None:
        async with asyncio.TaskGroup() as group:
            self._group = group
            group.create_task(self._poll_loop())
            group.create_task(self._heartbeat_loop())
            group.create_task(self._reaper_loop())

    async def close(self, *, grace: float) -> None:
        """Stops taking work, waits up to ``grace`` seconds for running generations to end
        (``TASKMATE_SHUTDOWN_TIMEOUT``), then stops and interrupts the rest."""
        self._accepting = False
        main, self._main = self._main, None
        if main is None:
            return
        running = [task for _run, task in self._runs.values()]
        if running:
            await asyncio.wait(running, timeout=grace)
        main.cancel()
        with suppress(asyncio.CancelledError):
            await main
        await self._reaper.interrupt_held()

    def _hint(self, conversation_id: str) -> None:
        self._hinted[conversation_id] = None
        self._wake.set()

    async def _poll_loop(self) -> None:
        """Claims the conversations it was told of as soon as it is told; every
        ``timing.poll`` seconds it also asks the database which ones wait (work queued by
        an instance whose event never arrived, or left behind by one that died)."""
        loop = asyncio.get_running_loop()
        next_poll = loop.time()
        while True:
            self._wake.clear()
            polling = loop.time() >= next_poll
            if polling:
                next_poll = loop.time() + self._parts.timing.poll
            try:
                await self._start_waiting(poll=polling)
            except Exception:
                logger.warning("generation_poll_failed", exc_info=True)
            with suppress(TimeoutError):
                async with asyncio.timeout(max(0.0, next_poll - loop.time())):
                    await self._wake.wait()

    async def _start_waiting(self, *, poll: bool) -> None:
        free = self._max_running - len(self._runs)
        if not self._accepting or free <= 0:
            return
        hinted = [c for c in self._hinted if c not in self._by_conversation]
        self._hinted.clear()  # one running here is hinted again when its generation ends
        waiting: list[str] = []
        if poll:
            async with self._parts.database.session() as session:
                waiting = await self._parts.leases.waiting_conversations(session, limit=free)
        for conversation_id in dict.fromkeys([*hinted, *waiting]):
            if not self._accepting or len(self._runs) >= self._max_running:
                return
            async with self._parts.transaction() as ctx:
                claim = await self._parts.leases.claim(ctx, conversation_id)
            if claim is not None:
                self._spawn(claim)

    def _spawn(self, claim: Claim) -> None:
        assert self._group is not None
        run = GenerationRun(self._parts, claim)
        task = self._group.create_task(self._execute(run), name=f"generation-{claim.generation_id}")
        self._runs[claim.generation_id] = (run, task)
        self._by_conversation[claim.conversation_id] = run

    async def _execute(self, run: GenerationRun) -> None:
        structlog.contextvars.bind_contextvars(  # this task's own context
            generation_id=run.generation_id, conversation_id=run.claim.conversation_id
        )
        logger.info("generation_started")
        try:
            await run.execute()
        except* LeaseLost:
            logger.warning("generation_lease_lost", generation_id=run.generation_id)
        except* Exception:
            logger.exception("generation_crashed", generation_id=run.generation_id)
            with suppress(Exception):  # else its lease, no longer renewed, expires
                await self._reaper.interrupt(run.generation_id, only_expired=False)
        finally:
            outcome, seconds = run.outcome or "interrupted", run.elapsed()
            logger.info("generation_ended", outcome=outcome, seconds=round(seconds, 3))
            self._parts.probe.generation_ended(outcome, seconds)
            del self._runs[run.generation_id]
            if self._by_conversation.get(run.claim.conversation_id) is run:
                del self._by_conversation[run.claim.conversation_id]
            self._hint(run.claim.conversation_id)  # a message may be queued behind it

    async def _heartbeat_loop(self) -> None:
        while True:
            await asyncio.sleep(self._parts.timing.heartbeat)
            try:
                await self._heartbeat()
            except Exception:
                logger.warning("generation_heartbeat_failed", exc_info=True)

    async def _heartbeat(self) -> None:
        """Renews the leases of the running generations, and tells each what the database
        says: asked to stop, or lost to another instance (then it is cancelled unwritten)."""
        runs = [(run, task) for run, task in self._runs.values() if not run.concluding]
        if not runs:
            return
        ids = [run.generation_id for run, _task in runs]
        async with self._parts.transaction() as ctx:
            held = await self._parts.leases.renew(ctx.session, ids, ctx.now())
            await ctx.commit()
        for run, task in runs:
            if run.concluding:
                continue
            if run.generation_id not in held:
                logger.warning("generation_lease_lost", generation_id=run.generation_id)
                task.cancel()
                continue
            if held[run.generation_id]:
                run.request_stop()
            run.wake_answers()

    async def _reaper_loop(self) -> None:
        while True:
            try:
                await self._reaper.reap_expired()
            except Exception:
                logger.warning("generation_reaper_failed", exc_info=True)
            await asyncio.sleep(self._parts.timing.reaper)
