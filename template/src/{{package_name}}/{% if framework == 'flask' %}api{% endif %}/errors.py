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
    domain_problem,
    http_problem,
    internal_problem,
    malformed_json_problem,
    validation_problem,
)
from .problems import PROBLEM_MEDIA_TYPE, Problem

log = structlog.get_logger("access")
IMPLIED_METHODS = frozenset({"HEAD", "OPTIONS"})  # Werkzeug adds them; the contract does not


class InvalidRequestError(Exception):
    """Field errors of a request (path, query, body), each with its location."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("invalid request")
        self.errors = errors


class MalformedJsonError(Exception):
    """The body is not JSON at all: a 400, as in every adapter."""


def problem_response(problem: Problem) -> Response:
    """The shared answer in Flask's response type."""
    headers = problem.headers
    return Response(problem.body, problem.status, headers, mimetype=PROBLEM_MEDIA_TYPE)


def domain_error(exc: DomainError) -> Response:
    return problem_response(domain_problem(exc))


def invalid_request(exc: InvalidRequestError) -> Response:
    return problem_response(validation_problem((e["loc"], e["msg"]) for e in exc.errors))


def malformed_json(_exc: MalformedJsonError) -> Response:
    return problem_response(malformed_json_problem())


def http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    headers: dict[str, str] = {}
    if status == 405:
        allowed = getattr(exc, "valid_methods", None) or []
        headers["Allow"] = ", ".join(m for m in allowed if m not in IMPLIED_METHODS)
    return problem_response(http_problem(status, headers))


def unexpected_error(exc: Exception) -> Response:
    """Anything else: a bare 500, logged with its traceback, never shown to the client."""
    log.exception("unhandled_error", path=request.path, exc_info=exc)
    return problem_response(internal_problem())


def install_error_handlers(app: Flask) -> None:
    app.register_error_handler(DomainError, domain_error)
    app.register_error_handler(InvalidRequestError, invalid_request)
    app.register_error_handler(MalformedJsonError, malformed_json)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected_error)
