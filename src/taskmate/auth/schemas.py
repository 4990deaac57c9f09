"""Request and response bodies of the account endpoints."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict

from taskmate.api.text import Email, Text
from taskmate.timezones import check_timezone

MAX_PASSWORD = 256
TimeZoneName = Annotated[str, Text(max_length=64), AfterValidator(check_timezone)]
# A secret is hashed, never shown: any character but half a surrogate pair.
Secret = Annotated[str, Text(max_length=MAX_PASSWORD, controls=True)]
Password = Annotated[str, Text(min_length=8, max_length=MAX_PASSWORD, controls=True)]
DisplayName = Annotated[str, Text(max_length=100)]
RefreshToken = Annotated[str, Text(max_length=200)]
SessionKind = Literal["bearer", "cookie"]
MAX_REMINDER_MINUTES = 40_320  # four weeks, as a task's relative reminder
ReminderMinutes = Annotated[int, Strict(), Field(ge=0, le=MAX_REMINDER_MINUTES)]
# How dates and times are shown: "mdy" is "Sun, Dec 6", "dmy" "Sun, 6 Dec", "ymd" "2026-12-06".
Clock = Literal["12h", "24h"]
DateFormat = Literal["mdy", "dmy", "ymd"]
WeekStart = Literal["monday", "sunday", "saturday"]
Theme = Literal["system", "light", "dark"]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RegisterIn(StrictModel):
    email: Email
    password: Password
    name: DisplayName = ""
    timezone: TimeZoneName = "UTC"
    session: SessionKind = "bearer"


class LoginIn(StrictModel):
    email: Annotated[str, Text(max_length=320)]
    password: Secret
    session: SessionKind = "bearer"


class RefreshIn(StrictModel):
    refresh_token: RefreshToken | None = None


class LogoutIn(RefreshIn):
    pass


class PasswordChangeIn(StrictModel):
    current_password: Secret
    new_password: Password


class ProfilePatch(StrictModel):
    name: DisplayName | None = None
    timezone: TimeZoneName | None = None
    # null clears it; absent keeps it
    default_reminder_minutes: ReminderMinutes | None = None
    clock: Clock | None = None
    date_format: DateFormat | None = None
    week_start: WeekStart | None = None
    theme: Theme | None = None


PREFERENCES = {"clock", "date_format", "week_start", "theme"}


class AccountDeleteIn(StrictModel):
    password: Secret


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    email: str
    name: str
    timezone: str
    default_reminder_minutes: int | None = Field(
        description="Minutes before the due time of the reminder every task with a due time "
        "gets; null: none"
    )
    clock: Clock
    date_format: DateFormat
    week_start: WeekStart
    theme: Theme


class UserBody(BaseModel):
    user: UserOut


class TokenPairOut(UserBody):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
