"""OpenAPI that tells the truth: every error is documented as problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from .problem_docs import PROBLEM_DESCRIPTION, with_problem_details

FRAMEWORK_ERROR_SCHEMAS = ("HTTPValidationError", "ValidationError")


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Declare a route's error statuses; `install_openapi` gives them the problem schema."""
    return {status: {"description": PROBLEM_DESCRIPTION} for status in statuses}


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = with_problem_details(schema, FRAMEWORK_ERROR_SCHEMAS)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
