"""Refresh rotation over HTTP: atomic, with reuse detection, and logout that sticks."""

from __future__ import annotations

import asyncio

import httpx

from tests.helpers import API, assert_problem, login, register


async def _refresh(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.post(f"{API}/auth/refresh", json={"refresh_token": token})


async def _session(client: httpx.AsyncClient) -> str:
    await register(client, "ada@example.com")
    return str((await login(client, "ada@example.com"))["refresh_token"])


async def test_refresh_rotates_the_pair(client: httpx.AsyncClient) -> None:
    first = await _session(client)
    response = await _refresh(client, first)
    assert response.status_code == 200
    pair = response.json()
    assert pair["refresh_token"] != first
    me = await client.get(
        f"{API}/users/me", headers={"Authorization": f"Bearer {pair['access_token']}"}
    )
    assert me.status_code == 200


async def test_replay_is_401_and_revokes_the_family(client: httpx.AsyncClient) -> None:
    first = await _session(client)
    second = (await _refresh(client, first)).json()["refresh_token"]
    replay = await _refresh(client, first)
    assert_problem(replay, 401, "token_reused")
    assert replay.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    assert_problem(await _refresh(client, second), 401, "invalid_token")


async def test_of_two_concurrent_refreshes_exactly_one_wins(client: httpx.AsyncClient) -> None:
    token = await _session(client)
    responses = await asyncio.gather(_refresh(client, token), _refresh(client, token))
    assert sorted(response.status_code for response in responses) == [200, 401]


async def test_logout_then_refresh_is_401(client: httpx.AsyncClient) -> None:
    token = await _session(client)
    response = await client.post(f"{API}/auth/logout", json={"refresh_token": token})
    assert response.status_code == 204
    assert response.content == b""
    assert_problem(await _refresh(client, token), 401, "invalid_token")


async def test_logout_with_an_unknown_token_is_still_204(client: httpx.AsyncClient) -> None:
    response = await client.post(f"{API}/auth/logout", json={"refresh_token": "never-issued"})
    assert response.status_code == 204


async def test_an_unknown_refresh_token_is_401(client: httpx.AsyncClient) -> None:
    assert_problem(await _refresh(client, "never-issued"), 401, "invalid_token")
