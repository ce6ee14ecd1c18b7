"""The OpenAPI document at `/openapi.json`, where clients and tools look for it."""

from __future__ import annotations

from typing import Any

from litestar import MediaType, Request, get

from ..openapi import openapi_document


@get("/openapi.json", include_in_schema=False, media_type=MediaType.JSON, sync_to_thread=False)
def openapi_json(request: Request[Any, Any, Any]) -> dict[str, Any]:
    return openapi_document(request.app)
