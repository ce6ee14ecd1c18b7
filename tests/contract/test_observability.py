"""Metrics and traces of a production server with two workers, seen as operators see them.

A replica of the deployment runs `serve --workers 2` with its metrics listener on a port of
the test's and spans printed by the console exporter: the scrape must add up both workers,
label by route template, and every traced request's log line must carry its trace ID.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from ..live_server import StartReplica
from ..processes import free_port
from ..reporting import report
from .api import Api

# Every framework and auth style meets PostgreSQL once in the covering set: five projects
# prove the middleware of all three adapters without a replica for each of fifteen.
pytestmark = [pytest.mark.slow, pytest.mark.databases("postgresql")]
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER = {"traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01"}
REQUESTS = 40


@dataclass(frozen=True)
class Observed:
    base_url: str
    metrics_url: str
    log_path: Path

    def scrape(self) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
        response = httpx.get(self.metrics_url, timeout=10, trust_env=False)
        assert response.status_code == 200, response.text
        return {
            (found.name, frozenset(found.labels.items())): found.value
            for family in text_string_to_metric_families(response.text)
            for found in family.samples
        }


@pytest.fixture(scope="module")
def observed(start_replica: StartReplica) -> Observed:
    port = free_port()
    env = {
        "METRICS__PORT": str(port),
        "OTEL_TRACES_EXPORTER": "console",
        "OTEL_BSP_SCHEDULE_DELAY": "100",  # ms: spans reach the log soon after the request
    }
    url, workdir = start_replica("observed", "--workers", "2", **env)
    return Observed(url, f"http://127.0.0.1:{port}/metrics", workdir / "replica.log")


def count(scrape: dict[tuple[str, frozenset[tuple[str, str]]], float], **labels: str) -> float:
    return scrape.get(("http_requests_total", frozenset(labels.items())), 0.0)


def test_a_scrape_adds_up_both_workers(observed: Observed, request: pytest.FixtureRequest) -> None:
    """Fresh connections at once spread over both workers; the scrape counts every one."""
    live = {"method": "GET", "route": "/health/live", "status": "200"}
    before = count(observed.scrape(), **live)

    def probe(_: int) -> int:
        return httpx.get(f"{observed.base_url}/health/live", trust_env=False).status_code

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(probe, range(REQUESTS))) == {200}
    after = observed.scrape()
    assert count(after, **live) == before + REQUESTS
    families = {name for name, _ in after}
    assert {"http_request_duration_seconds_bucket", "db_pool_connections"} <= families
    report(request.config, "metrics", f"{REQUESTS} requests over 2 workers, scraped +{REQUESTS}")


def test_series_are_labelled_by_route_template(observed: Observed) -> None:
    for item_id in (424242, 434343):
        httpx.get(f"{observed.base_url}/api/v1/items/{item_id}", trust_env=False)
    httpx.get(f"{observed.base_url}/no/such/page", trust_env=False)
    scrape = observed.scrape()
    routes = {dict(labels).get("route") for name, labels in scrape if name == "http_requests_total"}
    assert {"/api/v1/items/{item_id}", "unmatched"} <= routes
    assert not any("424242" in str(route) for route in routes)


@pytest.mark.auth_styles("jwt", "session")
def test_wrong_passwords_are_counted_across_workers(observed: Observed) -> None:
    key = ("login_failures_total", frozenset())
    before = observed.scrape().get(key, 0.0)
    for attempt in range(3):
        with httpx.Client(base_url=observed.base_url, trust_env=False) as client:
            assert (
                Api(client).login(f"nobody{attempt}@example.com", "wrong-pass-1").status_code == 401
            )
    assert observed.scrape().get(key, 0.0) == before + 3


def test_a_traced_request_logs_its_trace_id_and_exports_its_span(observed: Observed) -> None:
    response = httpx.get(f"{observed.base_url}/health/live", headers=CALLER, trust_env=False)
    assert response.status_code == 200
    request_id = response.headers["x-request-id"]
    deadline, text = time.monotonic() + 10, ""
    while time.monotonic() < deadline and f"0x{TRACE_ID}" not in text:
        time.sleep(0.2)
        text = observed.log_path.read_text(errors="replace")
    lines = [json.loads(line) for line in text.splitlines() if line.startswith('{"')]
    [access] = [line for line in lines if line.get("request_id") == request_id]
    assert access["trace_id"] == TRACE_ID
    assert access["route"] == "/health/live"
    assert f"0x{TRACE_ID}" in text, "the console exporter printed no span of this trace"
    assert '"name": "GET /health/live"' in text
