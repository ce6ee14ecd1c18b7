"""OpenAPI that tells the truth: every error is documented as problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from ..schemas.common import ProblemDetail
from .problems import PROBLEM_MEDIA_TYPE

PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetail"}
FRAMEWORK_ERROR_SCHEMAS = ("HTTPValidationError", "ValidationError")


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
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault("500", {"description": "Problem details (RFC 9457)"})
            for status, response in responses.items():
                if int(status) >= 400:
                    response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}
    return schema
