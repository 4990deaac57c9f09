"""Handing a message's generation to this instance's runner in the transaction that stores
the message, instead of queueing it for a claim.

A message sent to a conversation whose assistant is idle is answered by the instance that
took it: the send appends the assistant's message and starts the generation under this
instance's lease, and the runner runs it once the send commits. That saves the claim's own
transaction and the trip through the runner's wake-up; queued generations, polling and
claims remain for a conversation that is busy, for work left by an instance that died, and
for instances that do not answer. The runner plugs in on the app (``state.chat_local_runner``).
"""

from __future__ import annotations

from typing import Protocol

from starlette.datastructures import State

from taskmate.chat.runner_lease import Claim, Leases

LOCAL_RUNNER_STATE = "chat_local_runner"


class LocalRunner(Protocol):
    def leases(self) -> Leases | None:
        """The leases to start a generation under now; None when the runner takes no more."""
        ...

    def take(self, claim: Claim) -> None:
        """Runs a generation started under those leases, once its transaction committed."""
        ...


def local_runner(state: State) -> LocalRunner | None:
    """The runner registered on the app, if this instance answers messages."""
    registered: LocalRunner | None = getattr(state, LOCAL_RUNNER_STATE, None)
    return registered
