"""Login: the token pair, no user enumeration, and throttling of failed attempts.

Every test that fails logins does so from its own loopback address, because the
server throttles per client as well as per account.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from ..generated_project import LiveServer
from .api import Account, Api, assert_problem, unique_email

pytestmark = [pytest.mark.slow, pytest.mark.auth_styles("jwt", "session")]
NewClient = Callable[[], httpx.Client]


@pytest.mark.auth_styles("jwt")
def test_login_returns_a_bearer_token_pair(api: Api, user: Account) -> None:
    response = api.login(user.email, user.password)

    assert response.status_code == 200, response.text
    tokens = response.json()
    assert set(tokens) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert tokens["token_type"] == "bearer"
    assert isinstance(tokens["expires_in"], int) and tokens["expires_in"] > 0
    assert tokens["access_token"] and tokens["refresh_token"]
    assert tokens["access_token"] != tokens["refresh_token"]


@pytest.mark.auth_styles("jwt")
def test_each_login_issues_new_tokens(api: Api, user: Account) -> None:
    first, second = api.login(user.email).json(), api.login(user.email).json()

    assert first["refresh_token"] != second["refresh_token"]
    assert first["access_token"] != second["access_token"]


def test_unknown_user_wrong_password_and_deactivated_account_look_alike(
    api: Api, admin: Account, user: Account, client_from_new_address: NewClient
) -> None:
    deactivated = api.new_account("deactivated")
    off = api.client.patch(
        f"/api/v1/users/{deactivated.id}", json={"is_active": False}, headers=admin.headers
    )
    assert off.status_code == 200, off.text
    elsewhere = Api(client_from_new_address())

    answers = [
        elsewhere.login(unique_email("nobody")),
        elsewhere.login(user.email, "wrong-password-123"),
        elsewhere.login(deactivated.email, deactivated.password),
    ]

    bodies = [assert_problem(answer, 401) for answer in answers]
    assert bodies[0] == bodies[1] == bodies[2]
    assert len({answer.headers.get("www-authenticate") for answer in answers}) == 1


def test_repeated_failures_are_throttled_per_account_and_per_client(
    api: Api, live_server: LiveServer, client_from_new_address: NewClient
) -> None:
    """The server under test allows `login_max_failures` (5) failures a window, then 429."""
    target, bystander = api.new_account("throttled"), api.new_account("bystander")
    attacker = Api(client_from_new_address())
    for _ in range(live_server.login_max_failures):
        assert attacker.login(target.email, "wrong-password-123").status_code == 401

    throttled = attacker.login(target.email, "wrong-password-123")

    assert_problem(throttled, 429)
    assert int(throttled.headers["retry-after"]) >= 1
    same_account = Api(client_from_new_address()).login(target.email, target.password)
    assert_problem(same_account, 429)
    same_client = attacker.login(bystander.email, bystander.password)
    assert_problem(same_client, 429)
    assert api.login(bystander.email, bystander.password).status_code == 200


def test_a_successful_login_does_not_count_as_a_failure(
    api: Api, live_server: LiveServer, client_from_new_address: NewClient
) -> None:
    account = api.new_account("regular")
    regular = Api(client_from_new_address())

    for _ in range(live_server.login_max_failures + 2):
        assert regular.login(account.email, account.password).status_code == 200
