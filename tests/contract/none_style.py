"""The style without users (auth=none): every caller is one and the same anonymous client."""

from __future__ import annotations

import uuid
from typing import ClassVar, NoReturn

import httpx

from ..live_server import LiveServer
from .api import Account, Api, session_headers
from .key_styles import API_KEY_HEADER
from .style_base import JsonEndpoint


class NoneStyle:
    """auth=none: no accounts, no credentials, no 401; every caller is one anonymous client.

    A 401's challenge, a refused credential and its code do not exist here: a test reading
    them is a test of credentials, to be marked `users_only`, and fails loudly if it is not.
    """

    name = "none"
    routes: ClassVar[set[tuple[str, str]]] = set()
    security_scheme: ClassVar[set[tuple[str, str]]] = set()
    client_headers = frozenset[str]()
    sends_cookies = False

    @property
    def challenge(self) -> NoReturn:
        _no_credentials("challenge")

    @property
    def bad_credentials(self) -> NoReturn:
        _no_credentials("bad_credentials")

    @property
    def invalid_code(self) -> NoReturn:
        _no_credentials("invalid_code")

    def new_account(self, api: Api, live_server: LiveServer, label: str) -> Account:
        return anonymous()

    def admin(self, api: Api, live_server: LiveServer) -> Account:
        return anonymous()  # nobody is more than anybody else

    def json_endpoint(self, user: Account) -> JsonEndpoint:
        return JsonEndpoint("/api/v1/items", {}, b'{"title": "body rules"}', 201)

    def exercise_secrets(self, api: Api, user: Account, stranger: httpx.Client) -> list[str]:
        """What a client or a gateway may forward all the same: ignored, and never logged."""
        forwarded = [f"forwarded-{uuid.uuid4().hex}" for _ in range(3)]
        headers = {"Authorization": f"Bearer {forwarded[0]}", API_KEY_HEADER: forwarded[1]}
        stranger.post("/api/v1/items", json={"title": "x"}, headers=headers)
        stranger.get("/api/v1/items", headers=session_headers(forwarded[2], forwarded[2]))
        return forwarded


def anonymous() -> Account:
    """A caller of an API that checks no one: no user, no credential sent."""
    return Account(id=0, email="", password="", headers={})


def _no_credentials(attribute: str) -> NoReturn:
    raise AssertionError(f"auth=none has no {attribute}: mark the test `users_only`")
