"""The one place where domain errors and framework errors become HTTP problems.

App-level handlers, because only those see the router's own 404 and 405; the bodies come
from the shared problem builder, byte for byte what every other adapter sends.
"""

from __future__ import annotations

from typing import Any

import structlog
from litestar import Request, Response
from litestar.enums import ParamType
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap

from ..core.exceptions import DomainError, ServiceUnavailableError
from ..db.sessions import database_unavailable
from .body import MalformedJsonError
from .error_rules import (
    domain_problem,
    http_problem,
    internal_problem,
    malformed_json_problem,
    validation_problem,
)
from .problems import PROBLEM_MEDIA_TYPE, Problem

AnyRequest = Request[Any, Any, Any]
PARAMETER_SOURCES = frozenset({"path", "query", "header", "cookie"})
log = structlog.get_logger("access")


def problem_response(problem: Problem) -> Response[bytes]:
    """The shared answer in Litestar's response type."""
    status, headers = problem.status, problem.headers
    return Response(
        problem.body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers
    )


def domain_error_handler(_request: AnyRequest, exc: Exception) -> Response[bytes]:
    assert isinstance(exc, DomainError)
    return problem_response(domain_problem(exc))


def http_error_handler(_request: AnyRequest, exc: Exception) -> Response[bytes]:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # in registration order, with the OPTIONS we refuse
        allowed = {method.strip() for method in headers.pop("allow", "").split(",")}
        headers["Allow"] = ", ".join(sorted(allowed - {"OPTIONS", ""}))
    return problem_response(http_problem(exc.status_code, headers))


def malformed_json_handler(_request: AnyRequest, _exc: Exception) -> Response[bytes]:
    return problem_response(malformed_json_problem())


def validation_error_handler(_request: AnyRequest, exc: Exception) -> Response[bytes]:
    """Our 422 (Litestar's own would be a 400 without pointers)."""
    assert isinstance(exc, ValidationException)
    errors = exc.extra if isinstance(exc.extra, list) else []
    return problem_response(validation_problem((_location(e), e["message"]) for e in errors))


def _location(error: dict[str, Any]) -> list[str]:
    """Litestar's `key` is dotted (`items.0.title`); parameters name their section."""
    key = [part for part in str(error.get("key", "")).split(".") if part]
    source = error.get("source")
    return [ParamType(source).value, *key] if source in PARAMETER_SOURCES else key


def unexpected_error_handler(request: AnyRequest, exc: Exception) -> Response[bytes]:
    """A database outage is a 503 to retry; anything else a bare 500, logged, never shown.

    Litestar answers for the handler inside the request scope, so the scope never sees the
    driver's error: it is recognised here, by the rule the scope itself applies.
    """
    if database_unavailable(exc):
        log.warning("database_unavailable", error=type(getattr(exc, "orig", exc)).__name__)
        return problem_response(domain_problem(ServiceUnavailableError()))
    log.exception("unhandled_error", path=request.url.path, exc_info=exc)
    return problem_response(internal_problem())


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: domain_error_handler,
    MalformedJsonError: malformed_json_handler,
    ValidationException: validation_error_handler,
    HTTPException: http_error_handler,
    Exception: unexpected_error_handler,
}
