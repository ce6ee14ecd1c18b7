"""A production server per covering-set combination, and clients to talk to it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from ..generated_project import GeneratedProject, LiveServer
from ..live_server import StartReplica, serve_replica
from .api import Account, Api
from .styles import STYLES, Style

CLIENT_TIMEOUT = 30.0


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked `auth_styles(...)` or `databases(...)` exists only for the projects of
    those styles and databases."""
    kept, dropped = [], []
    for item in items:
        params = getattr(item, "callspec", None)
        answers = params.params.get("generated_project") if params else None
        applies = answers is None or all(
            marker is None or answers.get(question, default) in marker.args
            for marker, question, default in (
                (item.get_closest_marker("auth_styles"), "auth", "jwt"),
                (item.get_closest_marker("databases"), "database", "sqlite"),
            )
        )
        (kept if applies else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def new_client(
    live_server: LiveServer, transport: httpx.BaseTransport | None = None, base_url: str = ""
) -> httpx.Client:
    """A client of the server (or of `base_url`, say a replica or a balancer in front of the
    server) alone: no proxy or other settings from the environment."""
    return httpx.Client(
        base_url=base_url or live_server.base_url,
        timeout=CLIENT_TIMEOUT,
        transport=transport,
        trust_env=False,
    )


@pytest.fixture(scope="session")
def live_server(
    generated_project: GeneratedProject, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    with generated_project.serve(tmp_path_factory.mktemp("live-server")) as server:
        yield server


@pytest.fixture(scope="module")
def start_replica(
    generated_project: GeneratedProject,
    live_server: LiveServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[StartReplica]:
    """`start_replica(name, *serve_options, **settings)`: another replica of the deployment
    (its database and settings, plus these), its URL and work directory; stopped with the module."""
    with ExitStack() as started:

        def start(name: str, *extra: str, **env: str) -> tuple[str, Path]:
            workdir = tmp_path_factory.mktemp(name)
            replica = serve_replica(generated_project, live_server, workdir, *extra, **env)
            url, _process = started.enter_context(replica)
            return url, workdir

        yield start


@pytest.fixture(scope="module")
def replica_url(start_replica: StartReplica) -> str:
    """A second replica of the live server's deployment, for one module's tests."""
    return start_replica("replica")[0]


@pytest.fixture(scope="session")
def loopback_addresses() -> Iterator[str]:
    """Distinct client addresses (127.0.x.y), so login throttling of one test spares others."""
    return (f"127.0.{n // 250 + 1}.{n % 250 + 1}" for n in itertools.count())


@pytest.fixture
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with new_client(live_server) as client:
        yield client


@pytest.fixture
def client_from_new_address(
    live_server: LiveServer, loopback_addresses: Iterator[str]
) -> Iterator[Callable[..., httpx.Client]]:
    """Clients connecting from an address no other test used: a separate client to the server
    (or to the base URL given)."""
    clients: list[httpx.Client] = []

    def make(base_url: str = "") -> httpx.Client:
        transport = httpx.HTTPTransport(local_address=next(loopback_addresses))
        clients.append(new_client(live_server, transport, base_url))
        return clients[-1]

    yield make
    for made in clients:
        made.close()


@pytest.fixture
def api(client: httpx.Client) -> Api:
    return Api(client)


@pytest.fixture(scope="session")
def style(live_server: LiveServer) -> Style:
    return STYLES[live_server.auth]


@pytest.fixture
def admin(api: Api, live_server: LiveServer, style: Style) -> Account:
    """The admin made on the command line before the server started."""
    return style.admin(api, live_server)


@pytest.fixture
def user(api: Api, live_server: LiveServer, style: Style) -> Account:
    return style.new_account(api, live_server, "user")


@pytest.fixture
def other_user(api: Api, live_server: LiveServer, style: Style) -> Account:
    return style.new_account(api, live_server, "other")


@pytest.fixture(scope="session")
def spec(live_server: LiveServer) -> dict[str, Any]:
    """The served OpenAPI document."""
    response = httpx.get(f"{live_server.base_url}/openapi.json", timeout=30, trust_env=False)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document
