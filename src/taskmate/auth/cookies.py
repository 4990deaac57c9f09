"""The web UI's cookie session: access, refresh (auth paths only) and the script-readable CSRF."""

from __future__ import annotations

from starlette.responses import Response

ACCESS_COOKIE = "taskmate_access"
REFRESH_COOKIE = "taskmate_refresh"
CSRF_COOKIE = "taskmate_csrf"
REFRESH_COOKIE_PATH = "/api/v1/auth"


def set_session_cookies(
    response: Response,
    *,
    access_token: str,
    refresh_token: str,
    csrf_token: str,
    max_age: int,
    secure: bool,
) -> None:
    for name, value, path, httponly in (
        (ACCESS_COOKIE, access_token, "/", True),
        (REFRESH_COOKIE, refresh_token, REFRESH_COOKIE_PATH, True),
        (CSRF_COOKIE, csrf_token, "/", False),
    ):
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path=path,
            httponly=httponly,
            samesite="lax",
            secure=secure,
        )


def clear_session_cookies(response: Response) -> None:
    response.delete_cookie(ACCESS_COOKIE)
    response.delete_cookie(REFRESH_COOKIE, path=REFRESH_COOKIE_PATH)
    response.delete_cookie(CSRF_COOKIE)
