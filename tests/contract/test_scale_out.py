"""Two replicas of one deployment on one PostgreSQL behind a real balancer (haproxy).

Through the balancer, as a deployment's clients see it: the login limit holds across the
replicas, credentials one replica issued work on the other, and stopping a replica under
load (SIGTERM) loses no write it acknowledged, while the balancer routes around it with no
5xx once it has drained. How haproxy retries, and why that is safe for POSTs:
tests/load_balancer.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from ..generated_project import GeneratedProject, LiveServer
from ..load_balancer import Balancer, balance, require_haproxy, served_by
from ..matrix import combo_id
from ..project_env import OUTPUT_TAIL
from ..reporting import report
from ..robustness.load import ITEMS
from .api import Account, Api, assert_problem, bearer
from .drain import CLIENTS, stop_one_under_load, stored_titles

pytestmark = [
    pytest.mark.slow,
    pytest.mark.auth_styles("jwt", "session"),
    pytest.mark.databases("postgresql"),
]
WRONG = "wrong-password-123"
BOTH = {"r0", "r1"}  # r0: the contract's server, never stopped; r1: a replica of this module
NewClient = Callable[[str], httpx.Client]  # a client of a URL, from an address of its own


@pytest.fixture(scope="module", autouse=True)
def haproxy() -> str:
    """First of the module's fixtures: without haproxy, no replica is started for nothing."""
    return require_haproxy()


@pytest.fixture(scope="module")
def balancer(
    live_server: LiveServer, replica_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Balancer]:
    servers = {"r0": live_server.base_url, "r1": replica_url}
    with balance(servers, tmp_path_factory.mktemp("haproxy")) as running:
        yield running


def test_the_login_limit_holds_through_the_balancer(
    api: Api,
    generated_project: GeneratedProject,
    live_server: LiveServer,
    balancer: Balancer,
    client_from_new_address: NewClient,
    request: pytest.FixtureRequest,
) -> None:
    """The balancer spreads wrong passwords (each from a client address of its own) over both
    replicas; at the limit, both refuse even the right password."""
    target: Account = api.new_account("balanced")
    limit = live_server.login_max_failures
    wrong = [Api(client_from_new_address(balancer.base_url)) for _ in range(limit)]
    failures = [client.login(target.email, WRONG) for client in wrong]
    assert [response.status_code for response in failures] == [401] * limit
    assert set(served_by(failures)) == BOTH

    right = [Api(client_from_new_address(balancer.base_url)) for _ in range(4)]
    throttled = [client.login(target.email, target.password) for client in right]
    for response in throttled:
        assert_problem(response, 429)
        assert int(response.headers["retry-after"]) >= 1
    hits = served_by(throttled)
    assert set(hits) == BOTH
    spread = f"{limit} wrong logins (the limit) spread {dict(served_by(failures))}"
    label = f"{combo_id(generated_project.answers)}: {spread}"
    report(request.config, "scale_out", f"{label}; login-limit hits (429) per replica {dict(hits)}")


def use(api: Api, account: Account) -> httpx.Response:
    """One use of the credential: jwt rotates the refresh token (the account keeps the new
    pair), session writes an item with the cookie and its CSRF token."""
    if not account.refresh_token:
        return api.client.post(ITEMS, json={"title": "carried"}, headers=account.headers)
    response = api.refresh(account.refresh_token)
    if response.status_code == 200:
        account.refresh_token = response.json()["refresh_token"]
        account.headers = bearer(response.json()["access_token"])
    return response


def test_credentials_issued_by_one_replica_work_on_the_other(
    live_server: LiveServer,
    replica_url: str,
    balancer: Balancer,
    client_from_new_address: NewClient,
) -> None:
    """Signed in on r0; the credential works on r1 and through the balancer on both; ended on
    r1, r0 refuses it: the refresh tokens or sessions live in the database, not a replica."""
    first, second, through = (
        Api(client_from_new_address(url))
        for url in (live_server.base_url, replica_url, balancer.base_url)
    )
    account = first.new_account("carried")
    me = second.client.get("/api/v1/users/me", headers=account.headers)
    assert me.status_code == 200 and me.json()["id"] == account.id, me.text

    assert use(second, account).status_code in (200, 201)
    balanced = [use(through, account) for _ in range(4)]
    assert [response.status_code for response in balanced] == [balanced[0].status_code] * 4
    assert balanced[0].status_code in (200, 201) and set(served_by(balanced)) == BOTH

    if account.refresh_token:  # jwt: the token's family ends; session: the session
        assert second.logout(account.refresh_token).status_code == 204
    else:
        assert second.client.post("/api/v1/auth/logout", headers=account.headers).status_code == 204
    assert_problem(use(first, account), 401)


def test_a_replica_stopped_under_load_loses_no_write_and_its_drain_ends_the_5xx(
    api: Api,
    generated_project: GeneratedProject,
    live_server: LiveServer,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> None:
    """Every 201 is an item the database kept, no write is done twice (no POST was retried
    once sent), and once r1 has drained every request is answered by r0 without a 5xx."""
    writer = api.new_account("writer")
    drain = stop_one_under_load(generated_project, live_server, writer, tmp_path_factory)
    acknowledged = drain.acknowledged()
    found = [
        item for item in acknowledged if api.client.get(item, headers=writer.headers).is_success
    ]
    titles = stored_titles(api, writer)
    label = combo_id(generated_project.answers)
    report(request.config, "scale_out", f"{label}: {drain.figures(len(found), titles.total())}")

    assert drain.exit_code == 0
    assert drain.unexpected() == [], drain.balancer_log[-OUTPUT_TAIL:]
    assert [drain.failed(phase) for phase in ("before", "after")] == [(0, 0), (0, 0)]
    assert drain.served_by("before") == BOTH
    assert drain.served_by("after") == {"r0"} and len(drain.in_phase("after")) >= CLIENTS
    assert found == acknowledged
    assert [title for title, count in titles.items() if count > 1] == []
