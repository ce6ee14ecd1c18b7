"""An OIDC resource server (auth=oidc), over real HTTP, with tokens of a real provider on
127.0.0.1: every claim checked, users provisioned by `sub`, roles from the claim."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

from ..identity_provider import token
from ..live_server import LiveServer
from .api import Account, Api, assert_problem, bearer

pytestmark = [pytest.mark.slow, pytest.mark.auth_styles("oidc")]
ME = "/api/v1/users/me"


def issuer(live_server: LiveServer) -> str:
    return live_server.environment["SECURITY__ISSUER"]


@pytest.mark.parametrize(
    "claims",
    [
        pytest.param({"iss": "https://elsewhere.example"}, id="issuer"),
        pytest.param({"aud": "another-api"}, id="audience"),
        pytest.param({"exp": int(time.time()) - 300}, id="expired"),
        pytest.param({"nbf": int(time.time()) + 900}, id="not-yet-valid"),
        pytest.param({"kid": "no-such-key"}, id="unknown-key"),
    ],
)
def test_a_token_that_is_not_for_this_api_is_401(
    api: Api, live_server: LiveServer, claims: dict[str, object]
) -> None:
    response = api.client.get(ME, headers=bearer(token(issuer(live_server), "m", **claims)))

    assert assert_problem(response, 401)["code"] == "invalid_token"
    assert response.headers["www-authenticate"].lower().startswith("bearer")


def test_an_altered_signature_is_401(api: Api, user: Account) -> None:
    head, payload, signature = user.access_token.split(".")
    altered = f"{head}.{payload}.{signature[::-1]}"

    refused = api.client.get(ME, headers=bearer(altered))
    assert assert_problem(refused, 401)["code"] == "invalid_token"


def test_a_subject_becomes_one_user_and_is_never_linked_by_email(
    api: Api, live_server: LiveServer
) -> None:
    email, subject = f"{uuid.uuid4().hex[:8]}@example.com", uuid.uuid4().hex

    def me(subject: str) -> httpx.Response:
        access = token(issuer(live_server), subject, email=email)
        return api.client.get(ME, headers=bearer(access))

    first, again, other = me(subject), me(subject), me("x" + subject)

    assert first.status_code == 200, first.text
    assert (first.json()["email"], again.json()["id"]) == (email, first.json()["id"])
    assert other.json()["id"] != first.json()["id"]
    assert other.json()["email"] != email


def test_the_role_follows_the_providers_claim_on_every_request(
    api: Api, live_server: LiveServer
) -> None:
    subject = uuid.uuid4().hex
    as_admin = token(issuer(live_server), subject, roles=["admin"])
    as_user = token(issuer(live_server), subject, roles=["user"])

    assert api.client.get("/api/v1/users", headers=bearer(as_admin)).status_code == 200
    refused = api.client.get("/api/v1/users", headers=bearer(as_user))
    assert assert_problem(refused, 403)["code"] == "admin_required"
