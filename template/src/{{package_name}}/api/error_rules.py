"""How errors become HTTP answers, the same in every adapter: statuses, codes, pointers.

Each framework's `errors.py` only reads its own exception types and calls these, so a
domain error or a refused field answers with the same status, headers and body everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..core.exceptions import (
    AuthenticationError,
    ConflictError,
    DomainError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServiceUnavailableError,
)
from .challenge import challenge
from .problems import Problem

STATUS_BY_ERROR: list[tuple[type[DomainError], int]] = [
    (NotFoundError, 404),
    (ConflictError, 409),
    (AuthenticationError, 401),
    (PermissionDeniedError, 403),
    (RateLimitedError, 429),
    (ServiceUnavailableError, 503),
]
CODE_BY_STATUS = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "body_too_large",
    415: "unsupported_media_type",
}
DETAIL_BY_STATUS = {
    404: "No resource exists at this address.",
    405: "This method is not allowed on this resource.",
}
HTTP_ERROR_DETAIL = "The request could not be processed."
VALIDATION_DETAIL = "The request did not pass validation."
MALFORMED_JSON_DETAIL = "The request body is not valid JSON."
INTERNAL_DETAIL = "An unexpected error occurred."


def domain_status(exc: DomainError) -> tuple[int, dict[str, str]]:
    """The status of a domain error, and the headers a client needs to act on it."""
    status = next((code for kind, code in STATUS_BY_ERROR if isinstance(exc, kind)), 400)
    headers: dict[str, str] = {}
    if status == 401:
        headers["WWW-Authenticate"] = challenge(exc.code)
    if isinstance(exc, RateLimitedError | ServiceUnavailableError):
        headers["Retry-After"] = str(exc.retry_after)
    return status, headers


def domain_problem(exc: DomainError) -> Problem:
    """The answer to a domain error raised by a service."""
    status, headers = domain_status(exc)
    return Problem.of(status, exc.code, exc.detail, headers)


def http_problem(status: int, headers: dict[str, str] | None = None) -> Problem:
    """A refusal by the framework itself (routing, method), with its fixed code and text."""
    code = CODE_BY_STATUS.get(status, "http_error")
    return Problem.of(status, code, DETAIL_BY_STATUS.get(status, HTTP_ERROR_DETAIL), headers)


def validation_problem(errors: Iterable[tuple[Sequence[int | str], str]]) -> Problem:
    """422 with a JSON pointer per (location, message); input values are never echoed back."""
    details = [{"pointer": pointer(location), "detail": message} for location, message in errors]
    return Problem.of(422, "validation_failed", VALIDATION_DETAIL, errors=details)


def malformed_json_problem() -> Problem:
    return Problem.of(400, "malformed_json", MALFORMED_JSON_DETAIL)


def internal_problem() -> Problem:
    """The bare 500: what went wrong is logged, never shown."""
    return Problem.of(500, "internal_error", INTERNAL_DETAIL)


def pointer(location: Iterable[int | str]) -> str:
    """`("body", "email")` -> `#/email`; query, path and header fields keep their section."""
    parts = [str(part) for part in location]
    if parts and parts[0] == "body":
        parts = parts[1:]
    return "#/" + "/".join(parts)
