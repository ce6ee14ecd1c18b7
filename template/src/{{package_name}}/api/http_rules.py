"""What the middleware of every adapter decides, without a framework: the same request gets
the same answer from ASGI (FastAPI, Litestar) and WSGI (Flask). Each adapter only reads the
request its own way and writes the verdict back."""

from __future__ import annotations

import re
import uuid
from typing import NamedTuple

from .challenge import CLIENT_HEADERS, SENDS_COOKIES
from .error_rules import INTERNAL_DETAIL

REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._\-]{1,128}$")
SECURITY_HEADERS = [
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("content-security-policy", "frame-ancestors 'none'"),
]
HSTS = ("strict-transport-security", "max-age=63072000; includeSubDomains")
NO_STORE = ("cache-control", "no-store")
JSON_TYPE_RE = re.compile(r"^application/([a-z0-9.+\-]+\+)?json\s*(;.*)?$", re.IGNORECASE)
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
CORS_METHODS = ("GET", "POST", "PATCH", "DELETE")
CORS_HEADERS = frozenset({"content-type", "x-request-id"}) | CLIENT_HEADERS
CORS_EXPOSED = "X-Request-ID, Retry-After, RateLimit, RateLimit-Policy"
PREFLIGHT_MAX_AGE = "600"
VARY_ORIGIN = ("vary", "Origin")
# a session cookie crosses origins only where the response says so (and SameSite allows it)
CREDENTIALS = [("access-control-allow-credentials", "true")] if SENDS_COOKIES else []


class Refusal(NamedTuple):
    """A request turned away before the application sees it: status, code, detail."""

    status: int
    code: str
    detail: str


INVALID_HOST = Refusal(400, "invalid_host", "The Host header is not allowed.")
TOO_LARGE = Refusal(413, "body_too_large", "The request body is too large.")
NOT_JSON = Refusal(
    415, "unsupported_media_type", "Request bodies must be sent as application/json."
)
CORS_REFUSED = Refusal(403, "cors_refused", "This cross-origin request is not allowed.")
INTERNAL_ERROR = Refusal(500, "internal_error", INTERNAL_DETAIL)  # what a crash answers


def request_id(incoming: str | None) -> str:
    """The client's request ID when it is safe to log and echo, else a new one."""
    return incoming if incoming and REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex


class HostRule:
    """Which Host headers are allowed (DNS rebinding, cache poisoning): exact, `*.` or `*`."""

    def __init__(self, allowed_hosts: list[str]) -> None:
        self.any_host = "*" in allowed_hosts
        self.exact = {host.lower() for host in allowed_hosts if not host.startswith("*")}
        self.suffixes = tuple(host[1:].lower() for host in allowed_hosts if host.startswith("*."))

    def allows(self, host: str | None) -> bool:
        if self.any_host:
            return True
        host = (host or "").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name in self.exact or (bool(self.suffixes) and name.endswith(self.suffixes))


def body_refusal(
    length: str | None, chunked: bool, content_type: str | None, cap: int
) -> Refusal | None:
    """A body that is declared too large (413) or is not JSON (415); None when it may pass
    (a chunked body is then still counted against `cap` as it is read)."""
    if length is not None and (not length.isdigit() or int(length) > cap):
        return TOO_LARGE
    has_body = chunked or (length is not None and int(length) > 0)
    if has_body and not JSON_TYPE_RE.match(content_type or ""):
        return NOT_JSON
    return None


def preflight_allowed(origin: str, method: str, asked: str | None, origins: frozenset[str]) -> bool:
    """A CORS preflight from an allowed origin, for a method and headers we accept."""
    headers = {name.strip().lower() for name in (asked or "").split(",") if name.strip()}
    return origin in origins and method.upper() in CORS_METHODS and headers <= CORS_HEADERS


def preflight_headers(origin: str) -> list[tuple[str, str]]:
    return [
        ("access-control-allow-origin", origin),
        ("access-control-allow-methods", ", ".join(CORS_METHODS)),
        ("access-control-allow-headers", ", ".join(sorted(CORS_HEADERS))),
        ("access-control-max-age", PREFLIGHT_MAX_AGE),
        VARY_ORIGIN,
        *CREDENTIALS,
    ]


def cors_headers(origin: str) -> list[tuple[str, str]]:
    """What an allowed origin's actual (not preflight) response carries."""
    return [
        ("access-control-allow-origin", origin),
        ("access-control-expose-headers", CORS_EXPOSED),
        VARY_ORIGIN,
        *CREDENTIALS,
    ]
