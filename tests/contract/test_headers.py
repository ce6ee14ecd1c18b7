"""Response headers: security headers everywhere, request IDs, and the CORS allowlist."""

from __future__ import annotations

import httpx
import pytest

from ..generated_project import LiveServer
from .api import Account, assert_problem
from .styles import Style

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/health/live"),
        ("GET", "/api/v1/users/me"),
        ("GET", "/nowhere"),
        ("DELETE", "/health/live"),
    ],
)
def test_security_headers_are_on_every_response(
    client: httpx.Client, method: str, path: str
) -> None:
    response = client.request(method, path)

    assert response.headers["x-content-type-options"] == "nosniff"
    assert "no-store" in response.headers["cache-control"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "server" not in response.headers


def test_security_headers_are_on_authenticated_responses(
    client: httpx.Client, user: Account
) -> None:
    response = client.get("/api/v1/items", headers=user.headers)  # auth=none: anyone's

    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "no-store" in response.headers["cache-control"]
    assert "server" not in response.headers


def test_no_hsts_over_plain_http(client: httpx.Client) -> None:
    assert "strict-transport-security" not in client.get("/health/live").headers


def test_a_given_request_id_is_echoed(client: httpx.Client) -> None:
    response = client.get("/health/live", headers={"X-Request-ID": "contract-req-42"})

    assert response.headers["x-request-id"] == "contract-req-42"


def test_a_request_id_is_generated_when_missing(client: httpx.Client) -> None:
    first, second = client.get("/health/live"), client.get("/nowhere")

    assert first.headers["x-request-id"] and second.headers["x-request-id"]
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


def test_an_unsafe_request_id_is_replaced(client: httpx.Client) -> None:
    response = client.get("/health/live", headers={"X-Request-ID": "bad id\t<script>"})

    assert response.headers["x-request-id"] not in ("", "bad id\t<script>")


def test_an_allowed_origin_gets_cors_headers(
    client: httpx.Client, live_server: LiveServer, style: Style
) -> None:
    """Whatever the style's clients send to authenticate may cross (and, session, cookies)."""
    origin = live_server.allowed_origin

    simple = client.get("/health/live", headers={"Origin": origin})
    preflight = client.options("/api/v1/items", headers=_preflight(origin, style.client_headers))

    assert simple.headers["access-control-allow-origin"] == origin
    assert preflight.status_code in (200, 204)
    assert preflight.headers["access-control-allow-origin"] == origin
    assert "POST" in preflight.headers["access-control-allow-methods"]
    allowed = preflight.headers["access-control-allow-headers"].lower()
    assert all(name in allowed for name in style.client_headers)
    credentials = preflight.headers.get("access-control-allow-credentials")
    assert credentials == ("true" if style.sends_cookies else None)


def test_other_origins_get_no_cors_headers(client: httpx.Client) -> None:
    origin = "https://evil.example"

    simple = client.get("/health/live", headers={"Origin": origin})
    preflight = client.options("/api/v1/items", headers=_preflight(origin))

    assert "access-control-allow-origin" not in simple.headers
    assert "access-control-allow-origin" not in preflight.headers


def test_a_refused_preflight_is_a_problem_too(client: httpx.Client) -> None:
    preflight = client.options("/api/v1/items", headers=_preflight("https://evil.example"))

    if preflight.status_code >= 400:  # refusing is optional; a refusal is still an error
        assert_problem(preflight, preflight.status_code)


def _preflight(origin: str, client_headers: frozenset[str] = frozenset()) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": ",".join(sorted({*client_headers, "content-type"})),
    }
