"""CORS from an allowlist, refusing in problem+json like every other error.

Browsers only enforce what the response headers say, so the allowlist is exact
(no wildcards with credentials) and a refused preflight says why in a problem.
"""

from __future__ import annotations

from .asgi import ASGIApp, Message, Receive, Scope, Send
from .middleware import header
from .problems import send_problem

ALLOWED_METHODS = ("GET", "POST", "PATCH", "DELETE")
ALLOWED_HEADERS = frozenset({"authorization", "content-type", "x-request-id"})
EXPOSED_HEADERS = b"X-Request-ID, Retry-After"
PREFLIGHT_MAX_AGE = b"600"


class CorsMiddleware:
    def __init__(self, app: ASGIApp, *, allowed_origins: list[str]) -> None:
        self.app = app
        self.allowed_origins = frozenset(allowed_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = header(scope, b"origin") if scope["type"] == "http" else None
        if origin is None:
            await self.app(scope, receive, send)
            return
        requested = header(scope, b"access-control-request-method")
        if scope["method"] == "OPTIONS" and requested is not None:
            await self._preflight(origin, requested, scope, send)
            return
        if origin not in self.allowed_origins:
            await self.app(scope, receive, send)  # no CORS headers: the browser blocks the read
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"access-control-allow-origin", origin.encode("latin-1")),
                    (b"access-control-expose-headers", EXPOSED_HEADERS),
                    (b"vary", b"Origin"),
                ]
            await send(message)

        await self.app(scope, receive, send_with_cors)

    async def _preflight(self, origin: str, method: str, scope: Scope, send: Send) -> None:
        asked = header(scope, b"access-control-request-headers") or ""
        headers = {name.strip().lower() for name in asked.split(",") if name.strip()}
        if (
            origin not in self.allowed_origins
            or method.upper() not in ALLOWED_METHODS
            or not headers <= ALLOWED_HEADERS
        ):
            detail = "This cross-origin request is not allowed."
            await send_problem(send, 403, "cors_refused", detail, [(b"vary", b"Origin")])
            return
        await send(
            {
                "type": "http.response.start",
                "status": 204,
                "headers": [
                    (b"access-control-allow-origin", origin.encode("latin-1")),
                    (b"access-control-allow-methods", ", ".join(ALLOWED_METHODS).encode()),
                    (
                        b"access-control-allow-headers",
                        b", ".join(sorted(h.encode() for h in ALLOWED_HEADERS)),
                    ),
                    (b"access-control-max-age", PREFLIGHT_MAX_AGE),
                    (b"vary", b"Origin"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})
