"""``/me``: the signed-in user's profile and account."""

from __future__ import annotations

from fastapi import APIRouter, Response

from taskmate.api.deps import RuntimeDep, SessionDep
from taskmate.api.routing import ApiRoute
from taskmate.auth.cookies import clear_session_cookies
from taskmate.auth.deps import AuthServiceDep, CurrentUser, ProfileUser
from taskmate.auth.models import User
from taskmate.auth.schemas import PREFERENCES, AccountDeleteIn, ProfilePatch, UserOut
from taskmate.reminders.following import follow_zone
from taskmate.tasks.unit_of_work import UnitOfWork

router = APIRouter(prefix="/me", tags=["me"], route_class=ApiRoute)


@router.get("", response_model=UserOut)
async def read_me(user: ProfileUser) -> User:
    return user


@router.patch("", response_model=UserOut)
async def update_me(
    body: ProfilePatch,
    user: CurrentUser,
    auth: AuthServiceDep,
    session: SessionDep,
    runtime: RuntimeDep,
) -> User:
    moved = body.timezone is not None and body.timezone != user.timezone
    await auth.update_profile(
        user,
        name=body.name,
        timezone=body.timezone,
        default_reminder_minutes=(
            body.default_reminder_minutes
            if "default_reminder_minutes" in body.model_fields_set
            else ...
        ),
        preferences=body.model_dump(include=PREFERENCES, exclude_none=True),
    )
    if moved:
        await follow_zone(
            UnitOfWork(session, user=user, clock=runtime.clock, publisher=runtime.events)
        )
    return user


@router.delete("", status_code=204)
async def delete_me(body: AccountDeleteIn, user: CurrentUser, auth: AuthServiceDep) -> Response:
    await auth.delete_account(user, password=body.password)
    response = Response(status_code=204)
    clear_session_cookies(response)
    return response
