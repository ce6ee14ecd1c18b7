"""The API-wide rate limit of a production server with small buckets, seen from outside.

A replica of the deployment runs with a credential burst of 3 and an address burst of 6,
refilled so slowly that nothing comes back during the test; each test's clients connect
from addresses no other test used.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from ..live_server import StartReplica
from .api import Account, assert_problem

# Every framework and auth style meets MariaDB once in the covering set: five projects hold
# each style's credential and each adapter's middleware without a replica for each of fifteen.
pytestmark = [pytest.mark.slow, pytest.mark.databases("mysql")]
CALLER, ADDRESS = 3, 6
SMALL = {
    "RATE_LIMIT__CALLER_BURST": str(CALLER),
    "RATE_LIMIT__ADDRESS_BURST": str(ADDRESS),
    "RATE_LIMIT__CALLER_RATE": "0.001",
    "RATE_LIMIT__ADDRESS_RATE": "0.001",
}
NewClient = Callable[..., httpx.Client]


@pytest.fixture(scope="module")
def limited_url(start_replica: StartReplica) -> str:
    return start_replica("limited", **SMALL)[0]


def test_past_its_burst_a_client_gets_a_429_that_says_when_to_retry(
    limited_url: str, user: Account, client_from_new_address: NewClient
) -> None:
    client = client_from_new_address(limited_url)
    burst = CALLER if user.headers else ADDRESS  # auth=none: the address is the caller
    answers = [client.get("/api/v1/items", headers=user.headers) for _ in range(burst + 1)]
    assert [answer.status_code for answer in answers] == [200] * burst + [429]
    body = assert_problem(answers[-1], 429)
    assert body["code"] == "rate_limited"
    assert int(answers[-1].headers["retry-after"]) >= 1
    for answer in answers:
        assert answer.headers["ratelimit-policy"].startswith(f'"address";q={ADDRESS};')
    name = "caller" if user.headers else "address"
    assert answers[0].headers["ratelimit"].startswith(f'"{name}";r={burst - 1};')
    assert (client.get("/health/live").status_code, client.get("/health/ready").status_code) == (
        200,
        200,
    )


@pytest.mark.auth_styles("jwt", "api_key", "session", "oidc")
def test_a_credential_is_limited_from_every_address_it_uses(
    limited_url: str, user: Account, client_from_new_address: NewClient
) -> None:
    first, second = client_from_new_address(limited_url), client_from_new_address(limited_url)
    for _ in range(CALLER):
        assert first.get("/api/v1/items", headers=user.headers).status_code == 200
    assert_problem(second.get("/api/v1/items", headers=user.headers), 429)
    # the second address itself still has room: a request without the credential passes on
    assert second.get("/api/v1/items").status_code == 401
