import httpx

from tests.conftest import MakeUser


async def test_register_then_me(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/register", json={"email": "A@Example.com", "password": "longenough"}
    )
    assert response.status_code == 201, response.text
    token = response.json()["access_token"]
    me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["email"] == "a@example.com"


async def test_make_user(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    user = await make_user()
    me = await client.get("/api/v1/me", headers=user.headers)
    assert me.status_code == 200
