"""Two replicas of one deployment on one database: failed logins count once for both.

A throttle kept in process memory would let each replica (and each worker) allow the
whole limit; the generated app keeps it in the database, and this proves it from outside.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from ..generated_project import LiveServer
from ..reporting import report
from .api import Account, Api, assert_problem
from .conftest import CLIENT_TIMEOUT

pytestmark = [pytest.mark.slow, pytest.mark.auth_styles("jwt", "session")]
WRONG = "wrong-password-123"
Replicas = Callable[[int], Api]  # a client of replica 0 or 1, from an address of its own


@pytest.fixture
def replicas(
    live_server: LiveServer, replica_url: str, loopback_addresses: Iterator[str]
) -> Iterator[Replicas]:
    clients: list[httpx.Client] = []

    def client_of(replica: int) -> Api:
        transport = httpx.HTTPTransport(local_address=next(loopback_addresses))
        base_url = (live_server.base_url, replica_url)[replica]
        clients.append(
            httpx.Client(
                base_url=base_url, timeout=CLIENT_TIMEOUT, transport=transport, trust_env=False
            )
        )
        return Api(clients[-1])

    yield client_of
    for client in clients:
        client.close()


def test_failures_on_either_replica_count_against_one_limit(
    api: Api, live_server: LiveServer, replicas: Replicas
) -> None:
    """Alternating replicas (and client addresses) does not buy more guesses on an account."""
    target: Account = api.new_account("replicated")
    limit = live_server.login_max_failures
    for attempt in range(limit):
        assert replicas(attempt % 2).login(target.email, WRONG).status_code == 401

    for replica in (0, 1):
        throttled = replicas(replica).login(target.email, target.password)
        assert_problem(throttled, 429)
        assert int(throttled.headers["retry-after"]) >= 1


def test_concurrent_failures_across_replicas_stay_within_the_limit(
    api: Api, live_server: LiveServer, replicas: Replicas, request: pytest.FixtureRequest
) -> None:
    """Four times the limit at once, half to each replica: at most the limit is tried."""
    target = api.new_account("stormed")
    limit = live_server.login_max_failures
    clients = [replicas(n % 2) for n in range(4 * limit)]

    def wrong_login(client: Api) -> int:
        return client.login(target.email, WRONG).status_code

    with ThreadPoolExecutor(len(clients)) as pool:
        statuses = list(pool.map(wrong_login, clients))

    tried = statuses.count(401)
    assert set(statuses) <= {401, 429}, statuses
    assert tried <= limit, f"{tried} wrong passwords tried against a limit of {limit}"
    report(
        request.config,
        "replicas",
        f"{len(statuses)} concurrent wrong logins on 2 replicas: {tried} tried (401),"
        f" {statuses.count(429)} throttled (429); limit {limit}",
    )
