"""The one place where domain errors and framework errors become HTTP problems."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Match

from ..core.exceptions import DomainError
from .error_rules import (
    MALFORMED_JSON_DETAIL,
    VALIDATION_DETAIL,
    domain_status,
    http_code_and_detail,
    pointer,
)
from .problems import PROBLEM_MEDIA_TYPE, problem_bytes


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
    status, headers = domain_status(exc)
    return problem_response(status, exc.code, exc.detail, headers)


async def http_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code, detail = http_code_and_detail(exc.status_code)
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
        return problem_response(400, "malformed_json", MALFORMED_JSON_DETAIL)
    details = [{"pointer": pointer(error["loc"]), "detail": error["msg"]} for error in errors]
    return problem_response(422, "validation_failed", VALIDATION_DETAIL, errors=details)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, domain_error_handler)
    app.add_exception_handler(HTTPException, http_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
