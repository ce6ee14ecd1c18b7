"""Level 5: the database stops under load, then comes back, and the same server copes.

While it is down every API request is a 503 problem within `pool_timeout` (never a hang,
never a 500), readiness says so and liveness does not; once it is back the same process
serves again without a restart. Each database runs on a throwaway cluster of its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from ..contract.api import Api, assert_problem
from ..generated_project import GeneratedProject
from ..matrix import choices
from .clusters import throwaway_cluster
from .load import Answer, Load

pytestmark = pytest.mark.slow
POOL_TIMEOUT = 2.0
MARGIN = 1.5  # the HTTP round trip and a busy two-core machine, on top of the pool timeout
CLIENTS = 8
WARM_UP = 1.0  # seconds of load before the stop, all of it answered
OUTAGE = 2 * POOL_TIMEOUT + 1  # every client meets the dead database many times over
RECOVERY_TIMEOUT = 20.0
STALE_ALLOWED = 2  # 503s once the database is back: a stale pooled connection or two
SERVICE_UNAVAILABLE = "service_unavailable"


@dataclass(frozen=True)
class ProjectOnCluster(GeneratedProject):
    """The generated project served against the test's own cluster, not the CI server."""

    database_url: str = ""

    def fresh_database_url(self, name: str, directory: Path) -> str:
        return self.database_url  # the cluster is new: its database is empty

    def production_env(self, workdir: Path) -> dict[str, str]:
        return {**super().production_env(workdir), "DATABASE__POOL_TIMEOUT": str(POOL_TIMEOUT)}


def ready_within(client: httpx.Client, timeout: float) -> float | None:
    """When `/health/ready` first answered 200, polling up to `timeout`; None if it never did."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.get("/health/ready").status_code == 200:
            return time.monotonic()
        time.sleep(0.1)
    return None


def gap(moment: Answer | float | None, since: float) -> str:
    """Seconds from `since` to `moment` (an answer counts when it arrived), for the report."""
    if moment is None:
        return "never"
    return f"{(moment.finished if isinstance(moment, Answer) else moment) - since:.2f}s"


def listing(answers: list[Answer]) -> str:
    return "\n".join(f"  {answer}" for answer in answers[:20])


@pytest.mark.parametrize("framework", choices("framework"))
@pytest.mark.parametrize("database", ["postgresql", "mysql"])
def test_an_outage_is_503_within_the_pool_timeout_and_the_server_recovers(
    database: str, framework: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = {"database": database, "framework": framework}
    built = GeneratedProject.create(tmp_path / "project", answers)
    with throwaway_cluster(database) as cluster:
        project = ProjectOnCluster(built.answers, built.root, database_url=cluster.url)
        with (
            project.serve(tmp_path) as server,
            httpx.Client(base_url=server.base_url, timeout=30, trust_env=False) as probe,
        ):
            headers = Api(probe).new_account("outage").headers
            bound = POOL_TIMEOUT + MARGIN
            with Load(server.base_url, headers, clients=CLIENTS, timeout=3 * bound) as load:
                assert load.wait_for(lambda answer: answer.ok, timeout=10), load.answers[:5]
                time.sleep(WARM_UP)
                stopping = time.monotonic()
                cluster.stop()
                stopped = time.monotonic()
                first_503 = load.wait_for(
                    lambda answer: answer.status == 503 and answer.finished > stopping, bound
                )
                time.sleep(max(0.0, stopped + OUTAGE - time.monotonic()))
                assert_problem(probe.get("/health/ready"), 503)
                assert probe.get("/health/live").status_code == 200
                starting = time.monotonic()
                cluster.start()
                started = time.monotonic()
                first_ok = load.wait_for(
                    lambda answer: answer.ok and answer.started > started, RECOVERY_TIMEOUT
                )
                ready_again = ready_within(probe, RECOVERY_TIMEOUT)
                time.sleep(WARM_UP)  # recovered for good, not for one request
            answers = load.answers

    unavailable = [answer for answer in answers if answer.status == 503]
    stale = [answer for answer in unavailable if answer.started > started]
    with capsys.disabled():
        print(
            f"\n  {database} outage: {len(answers)} answers, {len(unavailable)} of them 503;",
            f"stop -> first 503 {gap(first_503, stopping)},",
            f"max 503 latency {max((a.seconds for a in unavailable), default=0):.2f}s;",
            f"database back {started - starting:.2f}s after its start,",
            f"-> first 200 {gap(first_ok, started)}, -> ready {gap(ready_again, started)};",
            f"{len(stale)} 503s after it was back",
        )
    wrong = [a for a in answers if not (a.ok or (a.status, a.code) == (503, SERVICE_UNAVAILABLE))]
    assert not wrong, f"answers neither 2xx nor a 503 problem:\n{listing(wrong)}"
    slow = [answer for answer in answers if answer.seconds > bound]
    assert not slow, f"answers slower than pool_timeout + {MARGIN}s:\n{listing(slow)}"
    early = [answer for answer in answers if answer.finished < stopping and not answer.ok]
    assert not early, f"failures before the database stopped:\n{listing(early)}"
    down = [a for a in answers if a.ok and stopped < a.started and a.finished < starting]
    assert not down, f"successes while the database was down:\n{listing(down)}"
    assert first_503 is not None, f"no 503 within {bound}s of the stop"
    assert first_ok is not None, f"no 2xx within {RECOVERY_TIMEOUT}s of the restart"
    assert ready_again is not None, f"/health/ready not 200 within {RECOVERY_TIMEOUT}s"
    assert len(stale) <= STALE_ALLOWED, f"503s once the database was back:\n{listing(stale)}"
