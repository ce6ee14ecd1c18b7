"""Proxy headers, believed only from the proxies `server.forwarded_allow_ips` names.

Behind a load balancer the peer is the balancer: the client address (the login throttle's
key) and the scheme (HSTS) come from `X-Forwarded-For` / `X-Forwarded-Proto`, which anyone
else could forge. The rule is uvicorn's, so every adapter sees the same client.
"""

from __future__ import annotations

from collections.abc import Iterable

from .wsgi import Environ, StartResponse, WSGIApp


class ProxyHeadersMiddleware:
    def __init__(self, app: WSGIApp, *, trusted: str) -> None:
        self.app = app
        self.trusted = {host.strip() for host in trusted.split(",") if host.strip()}

    def _trusts(self, address: str) -> bool:
        return "*" in self.trusted or address in self.trusted

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        if self._trusts(environ.get("REMOTE_ADDR", "")):
            scheme = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")[-1].strip().lower()
            if scheme in ("http", "https"):
                environ["wsgi.url_scheme"] = scheme
            hops = [hop.strip() for hop in environ.get("HTTP_X_FORWARDED_FOR", "").split(",")]
            client = next((hop for hop in reversed(hops) if hop and not self._trusts(hop)), None)
            if client is not None:
                environ["REMOTE_ADDR"] = client
        return self.app(environ, start_response)
