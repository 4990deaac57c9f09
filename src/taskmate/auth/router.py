"""``/auth``: register, login, refresh, logout, password change."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import JSONResponse

from taskmate.api.client_ip import client_ip
from taskmate.api.deps import RuntimeDep
from taskmate.api.routing import ApiRoute, errors
from taskmate.auth.cookies import (
    ACCESS_COOKIE,
    REFRESH_COOKIE,
    clear_session_cookies,
    set_session_cookies,
)
from taskmate.auth.deps import (
    AuthServiceDep,
    CallerDep,
    CurrentUser,
    bearer_token,
    check_csrf,
)
from taskmate.auth.schemas import (
    LoginIn,
    LogoutIn,
    PasswordChangeIn,
    RefreshIn,
    RegisterIn,
    TokenPairOut,
    UserBody,
    UserOut,
)
from taskmate.auth.service import IssuedSession, normalise_email
from taskmate.errors import Forbidden, Unauthorized

router = APIRouter(prefix="/auth", tags=["auth"], route_class=ApiRoute)


def _session_response(
    request: Request, runtime: RuntimeDep, issued: IssuedSession, status_code: int
) -> JSONResponse:
    user = UserOut.model_validate(issued.user)
    if issued.kind != "cookie":
        body = TokenPairOut(
            user=user,
            access_token=issued.access_token,
            refresh_token=issued.refresh_token,
            expires_in=issued.expires_in,
        )
        return JSONResponse(body.model_dump(mode="json"), status_code=status_code)
    response = JSONResponse(UserBody(user=user).model_dump(mode="json"), status_code=status_code)
    set_session_cookies(
        response,
        access_token=issued.access_token,
        refresh_token=issued.refresh_token,
        csrf_token=runtime.tokens.csrf_token(issued.session_id),
        max_age=runtime.settings.refresh_token_days * 86400,
        secure=request.url.scheme == "https",
    )
    return response


async def _limit_signups_per_ip(request: Request, runtime: RuntimeDep) -> None:
    ip = client_ip(request, runtime.settings.trusted_proxies)
    await runtime.limiter.hit(runtime.limiter.register, "register-ip", ip, "sign-ups")


async def _limit_logins_per_ip(request: Request, runtime: RuntimeDep) -> None:
    ip = client_ip(request, runtime.settings.trusted_proxies)
    await runtime.limiter.hit(runtime.limiter.login, "login-ip", ip, "sign-in attempts")


# The limits are dependencies so that they count every attempt, even one whose body is invalid.
@router.post(
    "/register",
    status_code=201,
    response_model=TokenPairOut | UserBody,
    dependencies=[Depends(_limit_signups_per_ip)],
    responses=errors(403, 409, 429),
)
async def register(
    body: RegisterIn, request: Request, runtime: RuntimeDep, auth: AuthServiceDep
) -> JSONResponse:
    if runtime.settings.signups == "closed":
        raise Forbidden("Sign-ups are closed on this server; ask its administrator for an account.")
    issued = await auth.register(
        email=str(body.email),
        password=body.password,
        name=body.name,
        timezone=body.timezone,
        kind=body.session,
    )
    return _session_response(request, runtime, issued, status.HTTP_201_CREATED)


@router.post("/login", response_model=TokenPairOut | UserBody, responses=errors(401, 429))
async def login(
    body: LoginIn, request: Request, runtime: RuntimeDep, auth: AuthServiceDep
) -> JSONResponse:
    ip = client_ip(request, runtime.settings.trusted_proxies)
    limiter = runtime.limiter
    await limiter.hit(limiter.login, "login-ip", ip, "sign-in attempts")
    await limiter.hit(
        limiter.login, "login-account", normalise_email(body.email), "sign-in attempts"
    )
    issued = await auth.login(email=body.email, password=body.password, kind=body.session)
    return _session_response(request, runtime, issued, status.HTTP_200_OK)


@router.post("/refresh", response_model=TokenPairOut | UserBody, responses=errors(401, 403))
async def refresh(
    request: Request, runtime: RuntimeDep, auth: AuthServiceDep, body: RefreshIn | None = None
) -> JSONResponse:
    token = body.refresh_token if body else None
    if token is None:
        token = request.cookies.get(REFRESH_COOKIE)
        if token is None:
            raise Unauthorized("Send a refresh_token, or sign in again.")
        check_csrf(request)
    issued = await auth.refresh(token)
    return _session_response(request, runtime, issued, status.HTTP_200_OK)


@router.post("/logout", status_code=204, responses=errors(401, 403))
async def logout(
    request: Request, runtime: RuntimeDep, auth: AuthServiceDep, body: LogoutIn | None = None
) -> Response:
    session_id = await _session_to_end(request, runtime, auth, body)
    if session_id is None:
        raise Unauthorized("There is no session to sign out of.")
    await auth.end_session(session_id)
    response = Response(status_code=204)
    clear_session_cookies(response)
    return response


async def _session_to_end(
    request: Request, runtime: RuntimeDep, auth: AuthServiceDep, body: LogoutIn | None
) -> str | None:
    """The session named by the access token, else by the refresh token (body or cookie)."""
    token = bearer_token(request)
    from_cookie = token is None
    token = token or request.cookies.get(ACCESS_COOKIE)
    if token:
        try:
            claims = runtime.tokens.decode_access(token)
        except Unauthorized:
            pass
        else:
            if from_cookie:
                check_csrf(request, runtime.tokens.csrf_token(claims.session_id))
            return claims.session_id
    refresh_token = body.refresh_token if body and body.refresh_token else None
    if refresh_token is None and (refresh_token := request.cookies.get(REFRESH_COOKIE)):
        check_csrf(request)
    return await auth.session_for_refresh_token(refresh_token) if refresh_token else None


@router.post("/password", status_code=204)
async def change_password(
    body: PasswordChangeIn, caller: CallerDep, auth: AuthServiceDep
) -> Response:
    await auth.change_password(
        caller.user,
        current=body.current_password,
        new=body.new_password,
        keep_session_id=caller.session_id,
    )
    return Response(status_code=204)


@router.post("/logout-everywhere", status_code=204, responses=errors(401, 403))
async def logout_everywhere(user: CurrentUser, auth: AuthServiceDep) -> Response:
    await auth.end_every_session(user)
    response = Response(status_code=204)
    clear_session_cookies(response)
    return response
