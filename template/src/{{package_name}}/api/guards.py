"""Guards that refuse bad requests before the framework sees them.

Each answers with problem details itself and fails closed, so a refused
request never reaches the application and never costs a body copy.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from typing import Any

from .asgi import ASGIApp, Message, Receive, Scope, Send
from .middleware import header
from .problems import send_problem

JSON_TYPE_RE = re.compile(r"^application/([a-z0-9.+\-]+\+)?json\s*(;.*)?$", re.IGNORECASE)
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class TrustedHostMiddleware:
    """Refuses requests whose Host header is not allowed (DNS rebinding, cache poisoning)."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: list[str]) -> None:
        self.app = app
        self.any_host = "*" in allowed_hosts
        self.exact = {host.lower() for host in allowed_hosts if not host.startswith("*")}
        self.suffixes = tuple(host[1:].lower() for host in allowed_hosts if host.startswith("*."))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.any_host or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        await send_problem(send, 400, "invalid_host", "The Host header is not allowed.")

    def _allowed(self, scope: Scope) -> bool:
        host = (header(scope, b"host") or "").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name in self.exact or (bool(self.suffixes) and name.endswith(self.suffixes))


class BodyGuardMiddleware:
    """Caps body size (413) and requires JSON bodies (415) on unsafe methods."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        length = header(scope, b"content-length")
        chunked = length is None and header(scope, b"transfer-encoding") is not None
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            await send_problem(send, 413, "body_too_large", "The request body is too large.")
            return
        has_body = chunked or (length is not None and int(length) > 0)
        if has_body and not JSON_TYPE_RE.match(header(scope, b"content-type") or ""):
            detail = "Request bodies must be sent as application/json."
            await send_problem(send, 415, "unsupported_media_type", detail)
            return
        if chunked:
            buffered = await self._buffer(receive, send)
            if buffered is None:
                return
            receive = buffered
        await self.app(scope, receive, send)

    async def _buffer(self, receive: Receive, send: Send) -> Receive | None:
        """A body without Content-Length is read up to the cap before the app sees it."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            size += len(message.get("body", b""))
            if size > self.max_body_bytes:
                await send_problem(send, 413, "body_too_large", "The request body is too large.")
                return None
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        replay: MutableMapping[str, Any] = {"type": "http.request", "body": b"".join(chunks)}

        async def replay_once() -> Message:
            nonlocal replay
            message, replay = replay, {"type": "http.disconnect"}
            return message

        return replay_once
