"""The chat engine's guarantees, searched for counterexamples by a Hypothesis state machine.

Two people share a conversation; a few clients of theirs (WebSocket or event stream) connect,
resume, resubscribe and drop, while messages are sent and retried (over REST and the socket,
several copies at once), answers stream at the pace the machine sets (``pacing``), get
stopped, regenerated and asked questions that are answered (clicked or typed), and the
conversation is finalized. After every step, once the engine has nothing left to do on its
own (``settle``), every connected client's reconciled copy must equal a fresh snapshot,
every ``client_id`` must have made one message and one generation (plus regenerations), and
the frames on the way must have kept their promises (``replica``).

The machine runs in a worker thread; every step runs its coroutine on the test's event loop,
where the server, the runner and the clients live, and waits for it.

Profiles: ``guarantees-bounded`` (``make test``: the same examples every run) and
``guarantees-long`` (``make chaos``: new examples every run, failures kept in the local
Hypothesis database), chosen by ``TASKMATE_TEST_GUARANTEES_PROFILE``.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections import Counter
from collections.abc import Coroutine
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import httpx
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from taskmate.api.runtime import Runtime
from taskmate.assistant.wiring import AssistantPolicy
from taskmate.broker import Listening
from taskmate.chat.models import PENDING_GENERATION_STATUSES, Conversation, Generation
from tests.chat.helpers import create_conversation, get_items, post_message, share, url
from tests.chat.runner.harness import FAST
from tests.chat.transports.clients import LiveClient, Transport
from tests.chat.transports.model import ConversationModel, Sent
from tests.chat.transports.observer import Observer
from tests.chat.transports.pacing import OPTIONS, PacedAssistant, Plan
from tests.chat.transports.replica import Json, Replica, outline, streaming_message
from tests.conftest import Account, MakeUser
from tests.live_server import LiveServer, until

T = TypeVar("T")

PROFILE = os.environ.get("TASKMATE_TEST_GUARANTEES_PROFILE", "guarantees-bounded")
COMMON = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "guarantees-bounded",
    COMMON,
    max_examples=20,
    stateful_step_count=25,
    derandomize=True,
    database=None,
)
settings.register_profile("guarantees-long", COMMON, max_examples=400, stateful_step_count=50)

SETTLE_SECONDS = 10.0
STEP_SECONDS = 60.0
PAGE = 200

CLIENT = st.integers(0, 3)  # modulo the example's number of clients
PLANS = st.builds(
    Plan,
    words=st.integers(0, 5),
    tool=st.booleans(),
    choice=st.booleans(),
    answer=st.none() | st.sampled_from(OPTIONS),
)
CLIENTS = st.lists(
    st.tuples(st.sampled_from(["owner", "member"]), st.sampled_from(["ws", "sse"])),
    min_size=1,
    max_size=4,
)


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"rate_messages_per_minute": 0}


@pytest.fixture
def assistant() -> PacedAssistant:
    return PacedAssistant()


@pytest.fixture
def assistant_policy(assistant: PacedAssistant) -> AssistantPolicy:
    """The app's runner answers with the paced script, checkpointing often (each text the
    answer holds while parked is checkpointed before the machine goes on)."""
    return AssistantPolicy(responder=assistant, timing=replace(FAST, checkpoint=0.02))


@dataclass(frozen=True, kw_only=True)
class World:
    """What the machine reaches on the test's event loop."""

    loop: asyncio.AbstractEventLoop
    server: LiveServer
    http: httpx.AsyncClient
    runtime: Runtime
    owner: Account
    member: Account
    assistant: PacedAssistant

    def run(self, step: Coroutine[Any, Any, T]) -> T:
        """Runs a step on the loop and waits for it (cancelling it if it hangs)."""
        future = asyncio.run_coroutine_threadsafe(step, self.loop)
        try:
            return future.result(STEP_SECONDS)
        except TimeoutError:
            future.cancel()
            raise


@dataclass(frozen=True, kw_only=True)
class Delivery:
    """How the server answered one send: REST status (None over the socket), and either
    the message and its generation or an error code."""

    status: int | None
    item_id: str | None = None
    generation_id: str | None = None
    code: str | None = None


class Guarantees(RuleBasedStateMachine):
    def __init__(self, world: World) -> None:
        super().__init__()
        self.world = world
        self.model = ConversationModel()
        self.observer = Observer()
        self.clients: list[LiveClient] = []
        self.cid = ""
        self._listening: Listening | None = None

    # -- the steps ---------------------------------------------------------------------

    @initialize(clients=CLIENTS, first=PLANS)
    def open_conversation(self, clients: list[tuple[str, Transport]], first: Plan) -> None:
        """A conversation with its clients (not connected yet) and a first message."""
        self.world.run(self._open(clients))
        content = first.content(self.model.next_serial())
        self.world.run(self._send(self.clients[0], False, content, 1))

    @rule(sender=CLIENT, via_socket=st.booleans(), plan=PLANS, copies=st.integers(1, 3))
    def send(self, sender: int, via_socket: bool, plan: Plan, copies: int) -> None:
        """A new message, maybe sent several times at once (an outbox racing itself)."""
        content = plan.content(self.model.next_serial())
        self.world.run(self._send(self._client(sender), via_socket, content, copies))

    @precondition(lambda self: self.model.sent)
    @rule(pick=st.integers(0, 1000), via_socket=st.booleans(), other_content=st.booleans())
    def retry(self, pick: int, via_socket: bool, other_content: bool) -> None:
        sent = list(self.model.sent.values())[pick % len(self.model.sent)]
        self.world.run(self._retry(sent, via_socket, other_content=other_content))

    @rule(deltas=st.integers(1, 4))
    def advance(self, deltas: int) -> None:
        """Lets the answer stream that many more deltas."""
        self.world.assistant.release(deltas)

    @rule(
        who=CLIENT,
        from_snapshot=st.booleans(),
        racing=st.integers(0, 3),
        last_event_id=st.booleans(),
    )
    def connect(self, who: int, from_snapshot: bool, racing: int, last_event_id: bool) -> None:
        """(Re)connects after the last seq the client holds, or after a fresh snapshot;
        ``racing`` deltas stream meanwhile."""
        client = self._client(who)
        self.world.run(self._connect(client, from_snapshot, racing, last_event_id))

    @rule(who=CLIENT)
    def resubscribe(self, who: int) -> None:
        client = self._client(who)
        if client.socket is not None:
            self.world.run(client.resubscribe())

    @rule(who=CLIENT)
    def disconnect(self, who: int) -> None:
        self.world.run(self._client(who).disconnect())

    @rule(who=CLIENT, via_socket=st.booleans(), racing=st.integers(0, 3))
    def stop(self, who: int, via_socket: bool, racing: int) -> None:
        """Stops the answers, while ``racing`` deltas stream."""
        self.world.run(self._stop(self._client(who), via_socket, racing))

    @precondition(lambda self: self.model.latest is not None)
    @rule(by_other=st.booleans())
    def regenerate(self, by_other: bool) -> None:
        """Asks for a new answer to the last message, as its author (or as the other
        person, who may not)."""
        self.world.run(self._regenerate(by_other=by_other))

    @rule(
        option=st.sampled_from(OPTIONS), via=CLIENT, via_socket=st.booleans(), other=st.booleans()
    )
    def choose(self, option: str, via: int, via_socket: bool, other: bool) -> None:
        """Answers the pending question (as the person asked, or ``other``, who may not),
        or a question already settled."""
        self.world.run(self._choose(option, self._client(via), via_socket, other=other))

    @precondition(lambda self: not self.model.finalized)
    @rule(roll=st.integers(0, 7))
    def finalize(self, roll: int) -> None:
        """One roll in eight finalizes: nothing changes afterwards, so it ends what the rest
        of an example can explore."""
        if roll == 7:
            self.world.run(self._finalize())

    @invariant()
    def converged(self) -> None:
        if self.cid:
            self.world.run(self._converged())

    def teardown(self) -> None:
        if self.cid:
            self.world.run(self._close())

    # -- carrying them out ---------------------------------------------------------------

    def _client(self, index: int) -> LiveClient:
        return self.clients[index % len(self.clients)]

    def _account(self, user_id: str) -> Account:
        world = self.world
        return world.owner if user_id == world.owner.id else world.member

    def _other(self, user: Account) -> Account:
        world = self.world
        return world.member if user.id == world.owner.id else world.owner

    async def _open(self, clients: list[tuple[str, Transport]]) -> None:
        world = self.world
        world.assistant.reset()
        self.cid = (await create_conversation(world.http, world.owner))["id"]
        await share(world.http, world.owner, self.cid, world.member)
        self._listening = await world.runtime.events.listen_conversation(self.cid, self.observer)
        users = {"owner": world.owner, "member": world.member}
        self.clients = [
            LiveClient(world.server, users[user], transport, self.cid)
            for user, transport in clients
        ]

    async def _send(self, client: LiveClient, via_socket: bool, content: str, copies: int) -> None:
        client_id = str(uuid.uuid4())
        socket = client if via_socket else None
        deliveries = await asyncio.gather(
            *(
                self._deliver(client.user, socket if n == 0 else None, client_id, content)
                for n in range(copies)
            )
        )
        if self.model.finalized:
            for delivery in deliveries:
                assert delivery.code == "conversation_finalized", delivery
            return
        first = deliveries[0]
        assert first.item_id is not None, first
        for delivery in deliveries:
            assert (delivery.item_id, delivery.generation_id) == (
                first.item_id,
                first.generation_id,
            ), deliveries
        created = [delivery for delivery in deliveries if delivery.status == 201]
        over_rest = [delivery for delivery in deliveries if delivery.status is not None]
        assert len(created) <= 1, deliveries
        if len(over_rest) == copies:
            assert len(created) == 1, deliveries
        self.model.record(
            Sent(
                author=client.user,
                client_id=client_id,
                content=content,
                item_id=first.item_id,
                generation_id=first.generation_id,
            )
        )

    async def _retry(self, sent: Sent, via_socket: bool, *, other_content: bool) -> None:
        """Sends an earlier ``client_id`` again, as its author: the same answer (also after
        finalize), or a conflict with other content."""
        sockets = [c for c in self.clients if c.user.id == sent.author.id and c.socket is not None]
        socket = sockets[0] if via_socket and sockets else None
        content = sent.content + " again" if other_content else sent.content
        delivery = await self._deliver(sent.author, socket, sent.client_id, content)
        if other_content:
            assert delivery.code == "conflict", delivery
            return
        assert delivery.status in (None, 200), delivery
        assert (delivery.item_id, delivery.generation_id) == (sent.item_id, sent.generation_id)

    async def _deliver(
        self, user: Account, socket: LiveClient | None, client_id: str, content: str
    ) -> Delivery:
        """Sends as ``user`` over REST, or over ``socket`` (one of theirs) when connected."""
        if socket is not None and socket.socket is not None:
            frame = {
                "type": "send",
                "conversation_id": self.cid,
                "client_id": client_id,
                "content": content,
            }
            [answer] = await socket.command(frame)
            assert answer.get("client_id", answer.get("ref")) == client_id, answer
            if answer["type"] == "ack":
                return Delivery(
                    status=None, item_id=answer["item_id"], generation_id=answer["generation_id"]
                )
            return Delivery(status=None, code=answer["code"])
        response = await post_message(self.world.http, user, self.cid, content, client_id=client_id)
        body = response.json()
        if response.status_code in (200, 201):
            return Delivery(
                status=response.status_code,
                item_id=body["item"]["id"],
                generation_id=body["generation_id"],
            )
        return Delivery(status=response.status_code, code=body["error"]["code"])

    async def _connect(
        self, client: LiveClient, from_snapshot: bool, racing: int, last_event_id: bool
    ) -> None:
        await client.disconnect()
        self.world.assistant.release(racing)
        if from_snapshot:
            items, _last_seq = await self._fresh()
            client.replica = Replica(items)
        await client.connect(
            after_seq=client.replica.last_seq, clean=racing == 0, last_event_id=last_event_id
        )

    async def _stop(self, client: LiveClient, via_socket: bool, racing: int) -> None:
        answering = (await self._engine_state())[1] is not None
        self.world.assistant.release(racing)
        if via_socket and client.socket is not None:
            answers = await client.command({"type": "stop", "conversation_id": self.cid})
            codes = [answer["code"] for answer in answers]
            assert codes == (["conversation_finalized"] if self.model.finalized else []), answers
            return
        response = await self.world.http.post(url(self.cid, "/stop"), headers=client.user.headers)
        if self.model.finalized:
            assert response.json()["error"]["code"] == "conversation_finalized", response.text
            return
        stopped = response.json()["stopped"]
        # A racing answer may end by itself first; one that was not there cannot start.
        assert stopped == answering or (racing and not stopped), response.text

    async def _regenerate(self, *, by_other: bool) -> None:
        latest = self.model.latest
        assert latest is not None
        user = self._other(latest.author) if by_other else latest.author
        response = await self.world.http.post(url(self.cid, "/regenerate"), headers=user.headers)
        if self.model.finalized or by_other:
            expected = "conversation_finalized" if self.model.finalized else "forbidden"
            assert response.json()["error"]["code"] == expected, response.text
            return
        assert response.status_code == 202, response.text
        self.model.regenerated[latest.item_id] += 1

    async def _choose(self, option: str, via: LiveClient, via_socket: bool, *, other: bool) -> None:
        choices = self.observer.choices()
        if not choices:
            return
        pending = self.observer.pending_choice()
        choice = pending or choices[-1]
        asked = self._account(choice["for_user_id"])
        user = self._other(asked) if other else asked
        expected: str | None
        if self.model.finalized:
            expected = "conversation_finalized"
        elif other:
            expected = "forbidden"
        else:
            expected = None if pending is not None else "conflict"
        if via_socket and via.socket is not None and via.user.id == user.id:
            frame = {
                "type": "choose",
                "conversation_id": self.cid,
                "item_id": choice["id"],
                "option": option,
            }
            codes = [answer["code"] for answer in await via.command(frame)]
            assert codes == ([] if expected is None else [expected]), codes
            return
        response = await self.world.http.post(
            url(self.cid, f"/items/{choice['id']}/choose"),
            json={"option": option},
            headers=user.headers,
        )
        if expected is None:
            assert response.status_code == 200, response.text
        else:
            assert response.json()["error"]["code"] == expected, response.text

    async def _finalize(self) -> None:
        world = self.world
        response = await world.http.post(url(self.cid, "/finalize"), headers=world.owner.headers)
        assert response.status_code == 200, response.text
        self.model.finalized = True

    # -- the checks ----------------------------------------------------------------------

    async def _converged(self) -> None:
        await self._settle()
        assert not self.observer.problems, self.observer.problems
        items, last_seq = await self._fresh()
        published = sorted(self.observer.items.values(), key=lambda item: item["seq"])
        assert published == items, (
            f"the hub published {outline(published)}, the database holds {outline(items)}"
        )
        texts = {item["id"]: item["content"] for item in items if streaming_message(item)}
        for client in self.clients:
            if client.connected:
                await client.catch_up(last_seq, texts)
                held = client.replica.snapshot()
                assert held == items, f"{client} holds {outline(held)}, not {outline(items)}"
        self.model.check_messages(items)
        self.model.check_generations(await self._answering())

    async def _settle(self) -> None:
        """Waits until the engine has nothing left to do on its own: every change is
        published, and the answer running (if any) is parked with its text published and
        checkpointed."""

        async def quiet() -> bool:
            last_seq, running = await self._engine_state()
            if self.observer.last_seq < last_seq:
                return False
            if running is None:
                return True
            generation_id, item_id = running
            assistant = self.world.assistant
            asked = self.observer.awaited_choice() is not None
            if not assistant.parked(generation_id, question_pending=asked):
                return False
            item = self.observer.items.get(item_id or "")
            text = assistant.text
            return (
                item is not None
                and self.observer.texts.get(item["id"], "") == text == item["content"]
            )

        await until(quiet, SETTLE_SECONDS)

    async def _engine_state(self) -> tuple[int, tuple[str, str | None] | None]:
        """The conversation's last seq; and the generation answering with its message, or
        None when none is queued or running. ``("", None)`` when the engine has work of its
        own: a generation queued but none running, or the running one asked to stop."""
        async with self.world.runtime.database.session() as session:
            last_seq = await session.scalar(
                select(Conversation.last_seq).where(Conversation.id == self.cid)
            )
            rows = (
                await session.execute(
                    select(
                        Generation.id,
                        Generation.status,
                        Generation.message_item_id,
                        Generation.stop_requested_at,
                    ).where(
                        Generation.conversation_id == self.cid,
                        Generation.status.in_(PENDING_GENERATION_STATUSES),
                    )
                )
            ).all()
        assert last_seq is not None
        if not rows:
            return last_seq, None
        running = [
            (row.id, row.message_item_id)
            for row in rows
            if row.status == "running" and row.stop_requested_at is None
        ]
        return last_seq, running[0] if running else ("", None)

    async def _fresh(self) -> tuple[list[Json], int]:
        """Every item as ``GET …/items`` has it now, and the last seq."""
        items: list[Json] = []
        after = 0
        while True:
            page = await get_items(
                self.world.http, self.world.owner, self.cid, after_seq=after, limit=PAGE
            )
            items += page["items"]
            after = page["last_seq"]
            if not page["has_more"]:
                return items, after

    async def _answering(self) -> Counter[str]:
        async with self.world.runtime.database.session() as session:
            rows = (
                await session.execute(
                    select(Generation.reply_to_item_id, func.count())
                    .where(Generation.conversation_id == self.cid)
                    .group_by(Generation.reply_to_item_id)
                )
            ).all()
        return Counter({str(item_id): int(count) for item_id, count in rows})

    async def _close(self) -> None:
        """Drops the clients and finalizes (which stops every answer), so the next example
        starts alone."""
        for client in self.clients:
            await client.disconnect()
        world = self.world
        await world.http.post(url(self.cid, "/finalize"), headers=world.owner.headers)

        async def ended() -> bool:
            return (await self._engine_state())[1] is None

        await until(ended, SETTLE_SECONDS)
        if self._listening is not None:
            await self._listening.stop()
        world.assistant.reset()


async def test_the_guarantees_hold_under_any_interleaving(
    server: LiveServer,
    client: httpx.AsyncClient,
    runtime: Runtime,
    make_user: MakeUser,
    assistant: PacedAssistant,
) -> None:
    world = World(
        loop=asyncio.get_running_loop(),
        server=server,
        http=client,
        runtime=runtime,
        owner=await make_user(name="Olive"),
        member=await make_user(name="Mo"),
        assistant=assistant,
    )

    class InThisWorld(Guarantees):
        def __init__(self) -> None:
            super().__init__(world)

    profile = settings.get_profile(PROFILE)
    await asyncio.to_thread(run_state_machine_as_test, InThisWorld, settings=profile)
