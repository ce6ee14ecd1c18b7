"""The one place where domain errors and framework errors become HTTP problems (Flask).

The bodies come from the shared problem builder and the statuses from `error_rules`: byte
for byte what the other adapters send for the same request.
"""

from __future__ import annotations

from typing import Any

import structlog
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from ..core.exceptions import DomainError
from .error_rules import (
    INTERNAL_DETAIL,
    MALFORMED_JSON_DETAIL,
    VALIDATION_DETAIL,
    domain_status,
    http_code_and_detail,
    pointer,
)
from .problems import PROBLEM_MEDIA_TYPE, problem_bytes

log = structlog.get_logger("access")
IMPLIED_METHODS = frozenset({"HEAD", "OPTIONS"})  # Werkzeug adds them; the contract does not


class InvalidRequestError(Exception):
    """Field errors of a request (path, query, body), each with its location."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("invalid request")
        self.errors = errors


class MalformedJsonError(Exception):
    """The body is not JSON at all: a 400, as in every adapter."""


def problem_response(
    status: int,
    code: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extensions: object,
) -> Response:
    body = problem_bytes(status, code, detail, **extensions)
    return Response(body, status=status, mimetype=PROBLEM_MEDIA_TYPE, headers=headers)


def domain_error(exc: DomainError) -> Response:
    status, headers = domain_status(exc)
    return problem_response(status, exc.code, exc.detail, headers)


def invalid_request(exc: InvalidRequestError) -> Response:
    """422 with a JSON pointer per field; input values are never echoed back."""
    details = [{"pointer": pointer(error["loc"]), "detail": error["msg"]} for error in exc.errors]
    return problem_response(422, "validation_failed", VALIDATION_DETAIL, errors=details)


def malformed_json(_exc: MalformedJsonError) -> Response:
    return problem_response(400, "malformed_json", MALFORMED_JSON_DETAIL)


def http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    code, detail = http_code_and_detail(status)
    headers: dict[str, str] = {}
    if status == 405:
        allowed = getattr(exc, "valid_methods", None) or []
        headers["Allow"] = ", ".join(m for m in allowed if m not in IMPLIED_METHODS)
    return problem_response(status, code, detail, headers)


def unexpected_error(exc: Exception) -> Response:
    """Anything else: a bare 500, logged with its traceback, never shown to the client."""
    log.exception("unhandled_error", path=request.path, exc_info=exc)
    return problem_response(500, "internal_error", INTERNAL_DETAIL)


def install_error_handlers(app: Flask) -> None:
    app.register_error_handler(DomainError, domain_error)
    app.register_error_handler(InvalidRequestError, invalid_request)
    app.register_error_handler(MalformedJsonError, malformed_json)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
