"""Tokens: refresh rotation with reuse detection, atomic under races, logout, and bearer checks."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable

import httpx
import pytest

from .api import Account, Api, assert_problem, bearer

pytestmark = [pytest.mark.slow, pytest.mark.auth_styles("jwt")]


def test_refresh_rotates_the_token_pair(api: Api, user: Account) -> None:
    response = api.refresh(user.refresh_token)

    assert response.status_code == 200, response.text
    pair = response.json()
    assert pair["token_type"] == "bearer"
    assert pair["refresh_token"] != user.refresh_token
    assert api.client.get("/api/v1/users/me", headers=bearer(pair["access_token"])).is_success


def test_a_rotated_token_can_be_rotated_again(api: Api, user: Account) -> None:
    second = api.refresh(user.refresh_token).json()["refresh_token"]

    assert api.refresh(second).status_code == 200


def test_replaying_a_used_refresh_token_revokes_its_whole_family(api: Api, user: Account) -> None:
    rotated = api.refresh(user.refresh_token).json()["refresh_token"]

    replay = api.refresh(user.refresh_token)

    assert_problem(replay, 401)
    assert_problem(api.refresh(rotated), 401)


def test_reuse_revokes_only_that_family(api: Api, user: Account) -> None:
    other_session = api.login(user.email, user.password).json()["refresh_token"]
    api.refresh(user.refresh_token)

    assert_problem(api.refresh(user.refresh_token), 401)
    assert api.refresh(other_session).status_code == 200


@pytest.mark.parametrize("racers", [2, 4])
def test_of_concurrent_refreshes_with_one_token_exactly_one_wins(
    client_from_new_address: Callable[[], httpx.Client], user: Account, racers: int
) -> None:
    clients = [client_from_new_address() for _ in range(racers)]
    start = threading.Barrier(racers)
    statuses: list[int] = []

    def refresh(client: httpx.Client) -> None:
        start.wait()
        answer = client.post("/api/v1/auth/refresh", json={"refresh_token": user.refresh_token})
        statuses.append(answer.status_code)

    threads = [threading.Thread(target=refresh, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200] + [401] * (racers - 1)


def test_logout_answers_204_and_ends_the_session(api: Api, user: Account) -> None:
    response = api.logout(user.refresh_token)

    assert response.status_code == 204
    assert not response.content
    assert_problem(api.refresh(user.refresh_token), 401)


@pytest.mark.parametrize("token", ["", "not-a-token", "a" * 600], ids=["empty", "unknown", "long"])
def test_unknown_or_malformed_refresh_tokens_are_refused(api: Api, token: str) -> None:
    response = api.refresh(token)

    assert response.status_code in (401, 422)
    assert_problem(response, response.status_code)


def test_a_missing_bearer_token_is_401_with_www_authenticate(api: Api) -> None:
    response = api.client.get("/api/v1/users/me")

    assert_problem(response, 401)
    assert response.headers["www-authenticate"].lower().startswith("bearer")


@pytest.mark.parametrize(
    "scheme", ["Bearer garbage", "Bearer a.b.c", "Basic dXNlcjpwYXNz", "garbage"]
)
def test_malformed_credentials_are_401(api: Api, scheme: str) -> None:
    response = api.client.get("/api/v1/users/me", headers={"Authorization": scheme})

    assert_problem(response, 401)
    assert response.headers["www-authenticate"].lower().startswith("bearer")


def test_an_unsigned_token_is_refused(api: Api, user: Account) -> None:
    _header, payload, _signature = user.access_token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["role"] = "admin"
    unsigned = ".".join([_b64({"alg": "none", "typ": "JWT"}), _b64(claims), ""])

    assert_problem(api.client.get("/api/v1/users/me", headers=bearer(unsigned)), 401)
    assert_problem(api.client.get("/api/v1/users", headers=bearer(unsigned)), 401)


def test_a_refresh_token_is_not_an_access_token(api: Api, user: Account) -> None:
    response = api.client.get("/api/v1/users/me", headers=bearer(user.refresh_token))

    assert_problem(response, 401)


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
