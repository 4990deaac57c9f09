"""Dependencies of the notification routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import SecurityScopes
from starlette.requests import HTTPConnection

from taskmate.api.deps import RuntimeDep, SessionDep
from taskmate.auth.deps import auth_service, current_caller
from taskmate.auth.models import User
from taskmate.notify.channels import Channels
from taskmate.notify.wiring import Notify, notify_of


def get_channels(session: SessionDep, runtime: RuntimeDep) -> Channels:
    return Channels(session, clock=runtime.clock)


def get_notify(connection: HTTPConnection) -> Notify:
    return notify_of(connection.app.state)


async def user_without_writing(request: Request, runtime: RuntimeDep) -> User:
    """``CurrentUser`` for an unsafe request that waits on an outside service: checked in a
    read session, because the request's write session would hold SQLite's write turn, and
    with it every writer of the process, for as long as the service takes."""
    async with runtime.database.session() as session:
        caller = await current_caller(
            request, SecurityScopes(), runtime, auth_service(session, runtime), session
        )
    return caller.user


ChannelsDep = Annotated[Channels, Depends(get_channels)]
NotifyDep = Annotated[Notify, Depends(get_notify)]
UserWithoutWriting = Annotated[User, Depends(user_without_writing)]
