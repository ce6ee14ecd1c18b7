"""Level 5: on SIGTERM the production server finishes what it has started, then exits 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..generated_project import GeneratedProject
from ..matrix import choices
from .shutdown import EXIT_MARGIN, GRACEFUL_TIMEOUT, IN_FLIGHT, sigterm_during_logins

pytestmark = pytest.mark.slow
# what the server logs when the graceful timeout cuts requests: uvicorn's line, or ours
TIMEOUT_LOGGED = {False: "timeout graceful shutdown exceeded", True: "graceful_timeout_exceeded"}


@pytest.fixture(scope="module", params=choices("framework"))
def project(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> GeneratedProject:
    """Each framework's server: the stop is the CLI's, the requests in flight the adapter's."""
    destination = tmp_path_factory.mktemp("shutdown") / "project"
    return GeneratedProject.create(destination, {"database": "sqlite", "framework": request.param})


@pytest.mark.parametrize("workers", [1, 2], ids=["1-worker", "2-workers"])
def test_sigterm_lets_requests_in_flight_finish_and_exits_0(
    project: GeneratedProject, tmp_path: Path, workers: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """With one worker the port closes at once; with a supervisor, only when it exits: it
    keeps the listening socket for the workers it may restart (uvicorn's design)."""
    shutdown = sigterm_during_logins(project, tmp_path, serve_args=("--workers", str(workers)))

    with capsys.disabled():
        print(shutdown.report(f"{workers} worker(s)"))
    assert shutdown.exit_code == 0, shutdown.log_tail
    assert shutdown.exit_after <= GRACEFUL_TIMEOUT + EXIT_MARGIN
    assert [status for status, _ in shutdown.answers] == [200] * IN_FLIGHT, shutdown.log_tail
    assert all(arrival > 0 for _, arrival in shutdown.answers), "not in flight at the SIGTERM"
    assert shutdown.refused_after is not None, "new connections accepted until the end"
    if workers == 1:
        first_answer = min(arrival for _, arrival in shutdown.answers)
        assert shutdown.refused_after < first_answer, "still accepting while finishing"


def test_the_graceful_timeout_bounds_the_shutdown(
    project: GeneratedProject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """More work than the timeout allows: what is left is cut, and the server still exits 0."""
    shutdown = sigterm_during_logins(project, tmp_path, logins=3 * IN_FLIGHT, graceful_timeout=1)

    with capsys.disabled():
        print(shutdown.report("graceful_timeout 1s"))
    assert shutdown.exit_code == 0, shutdown.log_tail
    assert shutdown.exit_after <= 1 + EXIT_MARGIN
    assert TIMEOUT_LOGGED[project.answers["framework"] == "flask"] in shutdown.log
    cut = [status for status, _ in shutdown.answers if status != 200]
    assert cut, "every login finished: the timeout was not reached"
    assert set(cut) <= {500, None}, f"a cut request answers uvicorn's 500 or nothing: {cut}"
