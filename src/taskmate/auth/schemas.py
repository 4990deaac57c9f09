"""Request and response bodies of the account endpoints."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field

from taskmate.api.types import WithoutNul
from taskmate.timezones import check_timezone

TimeZoneName = Annotated[str, AfterValidator(check_timezone)]
Password = Annotated[str, Field(min_length=8, max_length=256)]
DisplayName = Annotated[str, Field(max_length=100), WithoutNul]
SessionKind = Literal["bearer", "cookie"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RegisterIn(Strict):
    email: EmailStr
    password: Password
    name: DisplayName = ""
    timezone: TimeZoneName = "UTC"
    session: SessionKind = "bearer"


class LoginIn(Strict):
    email: Annotated[str, Field(max_length=320), WithoutNul]
    password: str = Field(max_length=256)
    session: SessionKind = "bearer"


class RefreshIn(Strict):
    refresh_token: str | None = Field(default=None, max_length=200)


class LogoutIn(RefreshIn):
    pass


class PasswordChangeIn(Strict):
    current_password: str = Field(max_length=256)
    new_password: Password


class ProfilePatch(Strict):
    name: DisplayName | None = None
    timezone: TimeZoneName | None = None


class AccountDeleteIn(Strict):
    password: str = Field(max_length=256)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    email: str
    name: str
    timezone: str


class UserBody(BaseModel):
    user: UserOut


class TokenPairOut(UserBody):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
