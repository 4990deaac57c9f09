"""``/me``'s display preferences: clock, date format, first day of the week, theme."""

import httpx
import pytest

from tests.conftest import MakeUser
from tests.helpers import error_fields


async def test_a_new_account_has_the_default_preferences(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    me = (await client.get("/api/v1/me", headers=user.headers)).json()
    assert (me["clock"], me["date_format"], me["week_start"], me["theme"]) == (
        "12h",
        "mdy",
        "monday",
        "system",
    )


async def test_preferences_change_one_by_one_and_stay(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    user = await make_user()
    changed = await client.patch("/api/v1/me", json={"clock": "24h"}, headers=user.headers)
    assert changed.status_code == 200
    assert changed.json()["clock"] == "24h"
    await client.patch(
        "/api/v1/me",
        json={"date_format": "dmy", "week_start": "sunday", "theme": "dark"},
        headers=user.headers,
    )
    me = (await client.get("/api/v1/me", headers=user.headers)).json()
    assert (me["clock"], me["date_format"], me["week_start"], me["theme"]) == (
        "24h",
        "dmy",
        "sunday",
        "dark",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("clock", "13h"),
        ("clock", None),
        ("date_format", "yyyy-mm-dd"),
        ("week_start", "friday"),
        ("theme", "blue"),
        ("theme", 1),
    ],
)
async def test_an_unknown_preference_value_is_a_validation_error(
    client: httpx.AsyncClient, make_user: MakeUser, field: str, value: object
) -> None:
    user = await make_user()
    response = await client.patch("/api/v1/me", json={field: value}, headers=user.headers)
    if value is None:  # null means "unchanged", like the other profile fields
        assert response.status_code == 200
        return
    assert error_fields(response) == {field}
    assert (await client.get("/api/v1/me", headers=user.headers)).json()[field] != value
