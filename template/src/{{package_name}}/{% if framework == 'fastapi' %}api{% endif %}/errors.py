"""The one place where domain errors and framework errors become HTTP problems."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Match

from ..core.exceptions import DomainError
from .error_rules import domain_problem, http_problem, malformed_json_problem, validation_problem
from .problems import PROBLEM_MEDIA_TYPE, Problem


def problem_response(problem: Problem) -> Response:
    """The shared answer in FastAPI's response type."""
    headers = problem.headers
    return Response(problem.body, problem.status, headers, media_type=PROBLEM_MEDIA_TYPE)


async def domain_error_handler(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    return problem_response(domain_problem(exc))


async def http_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 400:  # FastAPI's own, when it cannot read the body as JSON at all
        return problem_response(malformed_json_problem())  # (bad UTF-8, nesting past its depth)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return problem_response(http_problem(exc.status_code, headers))


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
    """Our 422, or a 400 when the body is not JSON at all (FastAPI reports both as one kind)."""
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if any(error["type"] == "json_invalid" for error in errors):
        return problem_response(malformed_json_problem())
    return problem_response(validation_problem((e["loc"], e["msg"]) for e in errors))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, domain_error_handler)
    app.add_exception_handler(HTTPException, http_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
