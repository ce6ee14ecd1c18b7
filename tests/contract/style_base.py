"""What every auth style tells the contract: the `Style` protocol, and the JSON endpoint
where the body rules are tried."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from ..live_server import LiveServer
from .api import Account, Api


@dataclass(frozen=True)
class JsonEndpoint:
    """An operation taking a JSON object, with the credentials it needs: where the body rules
    (size, media type, syntax) are tried."""

    path: str
    headers: dict[str, str]
    valid_body: bytes
    success: int
    extra: dict[str, Any] = field(default_factory=dict)


class Style(Protocol):
    name: str
    # credentials and their refusal: auth=none has none, and raises when asked (`users_only`)
    challenge: str  # how `WWW-Authenticate` starts on a 401, lowercase
    bad_credentials: dict[str, str]
    invalid_code: str  # the problem code of credentials the server refuses
    routes: set[tuple[str, str]]  # the style's own operations, path parameters as `{}`
    security_scheme: set[tuple[str, str]]  # what its OpenAPI scheme says, values lowercase
    client_headers: frozenset[str]  # what its clients send to authenticate, lowercase (CORS)
    sends_cookies: bool

    def new_account(self, api: Api, live_server: LiveServer, label: str) -> Account: ...

    def admin(self, api: Api, live_server: LiveServer) -> Account: ...

    def json_endpoint(self, user: Account) -> JsonEndpoint: ...

    def exercise_secrets(self, api: Api, user: Account, stranger: httpx.Client) -> list[str]:
        """Send every kind of secret the style has, good and bad; those sent."""
