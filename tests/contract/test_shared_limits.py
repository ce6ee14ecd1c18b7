"""With Redis, the API-wide limit is one budget for the whole deployment, not per replica.

Two replicas with small buckets behind haproxy: a client's requests, spread over both,
pass exactly as often as the configured burst allows. Without Redis each replica would
grant the burst again (tests/contract/test_rate_limit.py shows that per-process count).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator

import httpx
import pytest

from ..generated_project import GeneratedProject
from ..live_server import StartReplica
from ..load_balancer import Balancer, balance, require_haproxy, served_by
from ..matrix import combo_id
from ..reporting import report

pytestmark = [
    pytest.mark.slow,
    pytest.mark.auth_styles("jwt", "session"),
    pytest.mark.databases("postgresql"),  # the covering set's projects with Redis
]
BOTH = ("r0", "r1")
BURST = 6
SMALL = {"RATE_LIMIT__ADDRESS_RATE": "0.01", "RATE_LIMIT__ADDRESS_BURST": str(BURST)}


@pytest.fixture(scope="module")
def limited(
    generated_project: GeneratedProject,
    start_replica: StartReplica,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Balancer]:
    """Two replicas of the deployment with small address buckets, behind their balancer."""
    require_haproxy()
    assert generated_project.answers.get("redis"), "the covering set runs these with Redis"
    prefix = f"shared-limits-{secrets.token_hex(4)}:"  # a budget apart from any other run's
    urls = {name: start_replica(name, **SMALL, REDIS__KEY_PREFIX=prefix)[0] for name in BOTH}
    with balance(urls, tmp_path_factory.mktemp("haproxy-limited")) as running:
        yield running


def test_one_budget_across_replicas(
    limited: Balancer,
    generated_project: GeneratedProject,
    client_from_new_address: Callable[[str], httpx.Client],
    request: pytest.FixtureRequest,
) -> None:
    client = client_from_new_address(limited.base_url)
    answers = [client.get("/api/v1/items") for _ in range(BURST + 4)]
    statuses = [response.status_code for response in answers]
    assert statuses == [401] * BURST + [429] * 4  # anonymous: refused by auth, after the limit
    assert set(served_by(answers[:BURST])) == set(BOTH)
    assert set(served_by(answers[BURST:])) == set(BOTH)
    spread = dict(served_by(answers))
    label = combo_id(generated_project.answers)
    report(request.config, "scale_out", f"{label}: API limit {BURST} held across {spread}")
