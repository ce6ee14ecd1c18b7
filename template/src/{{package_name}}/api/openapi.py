"""OpenAPI that tells the truth: every error is documented as problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from ..schemas.common import ProblemDetail
from .problems import PROBLEM_MEDIA_TYPE

PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetail"}
FRAMEWORK_ERROR_SCHEMAS = ("HTTPValidationError", "ValidationError")
API_PREFIX = "/api/"


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Declare a route's error statuses; `install_openapi` gives them the problem schema."""
    return {status: {"description": "Problem details (RFC 9457)"} for status in statuses}


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = _with_problem_details(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _with_problem_details(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name in FRAMEWORK_ERROR_SCHEMAS:
        components.pop(name, None)
    components["ProblemDetail"] = ProblemDetail.model_json_schema()
    for path, path_item in schema.get("paths", {}).items():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for status in sorted(_implied_statuses(path, operation)):
                responses.setdefault(str(status), {"description": "Problem details (RFC 9457)"})
            for status, response in responses.items():
                if int(status) >= 400:
                    response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}
    return schema


def _implied_statuses(path: str, operation: dict[str, Any]) -> set[int]:
    """What the middleware and the validation layer may answer on this operation.

    Routes declare their own outcomes (403, 404, 409, 429); these come from elsewhere: any
    request can name a Host that is not allowed (400), a body can be malformed JSON (400),
    too large (413), not JSON (415) or invalid (422), a parameter invalid (422), a secured
    operation needs credentials (401), and an API request waits for a database slot (503).
    """
    statuses = {400, 500}
    if "requestBody" in operation:
        statuses |= {413, 415, 422}
    if operation.get("parameters"):
        statuses.add(422)
    if operation.get("security"):
        statuses.add(401)
    if path.startswith(API_PREFIX):
        statuses.add(503)
    return statuses
