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
    INTERNAL_DETAIL,
    MALFORMED_JSON_DETAIL,
    VALIDATION_DETAIL,
    domain_status,
    http_code_and_detail,
    pointer,
)
from .problems import PROBLEM_MEDIA_TYPE, problem_bytes

AnyRequest = Request[Any, Any, Any]
PARAMETER_SOURCES = frozenset({"path", "query", "header", "cookie"})
log = structlog.get_logger("access")


def problem_response(
    status: int,
    code: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extensions: object,
) -> Response[bytes]:
    body = problem_bytes(status, code, detail, **extensions)
    return Response(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def domain_error_handler(_request: AnyRequest, exc: Exception) -> Response[bytes]:
    assert isinstance(exc, DomainError)
    status, headers = domain_status(exc)
    return problem_response(status, exc.code, exc.detail, headers)


def http_error_handler(_request: AnyRequest, exc: Exception) -> Response[bytes]:
    assert isinstance(exc, HTTPException)
    code, detail = http_code_and_detail(exc.status_code)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # in registration order, with the OPTIONS we refuse
        allowed = {method.strip() for method in headers.pop("allow", "").split(",")}
        headers["Allow"] = ", ".join(sorted(allowed - {"OPTIONS", ""}))
    return problem_response(exc.status_code, code, detail, headers)


def malformed_json_handler(_request: AnyRequest, _exc: Exception) -> Response[bytes]:
    return problem_response(400, "malformed_json", MALFORMED_JSON_DETAIL)


def validation_error_handler(_request: AnyRequest, exc: Exception) -> Response[bytes]:
    """422 with a JSON pointer per field; input values are never echoed back."""
    assert isinstance(exc, ValidationException)
    errors = exc.extra if isinstance(exc.extra, list) else []
    details = [{"pointer": _pointer(error), "detail": error["message"]} for error in errors]
    return problem_response(422, "validation_failed", VALIDATION_DETAIL, errors=details)


def _pointer(error: dict[str, Any]) -> str:
    """Litestar's `key` is dotted (`items.0.title`); parameters name their section."""
    key = [part for part in str(error.get("key", "")).split(".") if part]
    source = error.get("source")
    return pointer([ParamType(source).value, *key] if source in PARAMETER_SOURCES else key)


def unexpected_error_handler(request: AnyRequest, exc: Exception) -> Response[bytes]:
    """A database outage is a 503 to retry; anything else a bare 500, logged, never shown.

    Litestar answers for the handler inside the request scope, so the scope never sees the
    driver's error: it is recognised here, by the rule the scope itself applies.
    """
    if database_unavailable(exc):
        log.warning("database_unavailable", error=type(getattr(exc, "orig", exc)).__name__)
        return domain_error_handler(request, ServiceUnavailableError())
    log.exception("unhandled_error", path=request.url.path, exc_info=exc)
    return problem_response(500, "internal_error", INTERNAL_DETAIL)


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: domain_error_handler,
    MalformedJsonError: malformed_json_handler,
    ValidationException: validation_error_handler,
    HTTPException: http_error_handler,
    Exception: unexpected_error_handler,
}
