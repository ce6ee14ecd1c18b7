"""The one place where domain errors and framework errors become HTTP problems."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Match

from ..core.exceptions import (
    AuthenticationError,
    ConflictError,
    DomainError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServiceUnavailableError,
)
from .problems import PROBLEM_MEDIA_TYPE, problem_bytes

STATUS_BY_ERROR: list[tuple[type[DomainError], int]] = [
    (NotFoundError, 404),
    (ConflictError, 409),
    (AuthenticationError, 401),
    (PermissionDeniedError, 403),
    (RateLimitedError, 429),
    (ServiceUnavailableError, 503),
]
TOKEN_ERROR_CODES = frozenset({"invalid_token", "token_reused"})
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


def problem_response(
    status: int,
    code: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extensions: object,
) -> Response:
    body = problem_bytes(status, code, detail, **extensions)
    return Response(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


async def domain_error_handler(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    status = next((code for kind, code in STATUS_BY_ERROR if isinstance(exc, kind)), 400)
    headers: dict[str, str] = {}
    if status == 401:
        token_error = exc.code in TOKEN_ERROR_CODES
        headers["WWW-Authenticate"] = 'Bearer error="invalid_token"' if token_error else "Bearer"
    if isinstance(exc, RateLimitedError | ServiceUnavailableError):
        headers["Retry-After"] = str(exc.retry_after)
    return problem_response(status, exc.code, exc.detail, headers)


async def http_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = CODE_BY_STATUS.get(exc.status_code, "http_error")
    detail = DETAIL_BY_STATUS.get(exc.status_code, "The request could not be processed.")
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return problem_response(exc.status_code, code, detail, headers)


def _allowed_methods(request: Request) -> list[str]:
    """Every method of every route on this path (the router only names the first route's)."""
    # ask the router per method: included routers are not flattened in every FastAPI version
    routes: list[BaseRoute] = request.app.router.routes
    allowed: list[str] = []
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in routes):
            allowed.append(method)
    return allowed


async def validation_error_handler(_request: Request, exc: Exception) -> Response:
    """422 with a JSON pointer per field; input values are never echoed back."""
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if any(error["type"] == "json_invalid" for error in errors):
        return problem_response(400, "malformed_json", "The request body is not valid JSON.")
    details = [{"pointer": _pointer(error["loc"]), "detail": error["msg"]} for error in errors]
    detail = "The request did not pass validation."
    return problem_response(422, "validation_failed", detail, errors=details)


def _pointer(location: tuple[int | str, ...] | list[int | str]) -> str:
    """`("body", "email")` -> `#/email`; query, path and header fields keep their section."""
    parts = [str(part) for part in location]
    if parts and parts[0] == "body":
        parts = parts[1:]
    return "#/" + "/".join(parts)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, domain_error_handler)
    app.add_exception_handler(HTTPException, http_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
