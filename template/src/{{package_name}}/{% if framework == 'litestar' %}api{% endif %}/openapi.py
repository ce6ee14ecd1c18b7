"""OpenAPI 3.1 from the shared schemas, with every error documented as problem+json.

Litestar generates the operations; the body and response shapes are pydantic's own JSON
Schemas (Litestar's drop patterns and `additionalProperties`, which the fuzzer reads as
promises), and the shared rules (`problem_docs`) add the statuses the middleware implies.
"""

from __future__ import annotations

import copy
import re
import types
from collections.abc import Iterator
from typing import Any, Union, get_args, get_origin, get_type_hints

from litestar import Litestar, MediaType, Request, Response
from litestar.openapi import OpenAPIConfig, ResponseSpec
from litestar.openapi.plugins import OpenAPIRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, Reference, SecurityRequirement, SecurityScheme
from litestar.routes import HTTPRoute
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .. import __version__
from ..core.config import Settings
from ..schemas.common import ProblemDetail
from .challenge import SCHEME_NAME, SECURITY_SCHEME
from .problem_docs import PROBLEM_DESCRIPTION, with_problem_details
from .problems import PROBLEM_MEDIA_TYPE

CALLER_SECURITY: list[SecurityRequirement] = [{SCHEME_NAME: []}]
DOCS_PATH = "/docs"
REF_TEMPLATE = "#/components/schemas/{model}"
WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def problems(*statuses: int) -> dict[int, ResponseSpec]:
    """Declare a route's error statuses; `openapi_document` gives them the problem schema."""
    spec = ResponseSpec(
        data_container=ProblemDetail,
        description=PROBLEM_DESCRIPTION,
        media_type=PROBLEM_MEDIA_TYPE,
        generate_examples=False,
    )
    return dict.fromkeys(statuses, spec)


def openapi_document(app: Litestar) -> dict[str, Any]:
    """The document as served, built once per app (it is slow to generate)."""
    if "openapi_document" not in app.state:
        generated = copy.deepcopy(app.openapi_schema.to_schema())
        generated["components"]["schemas"] = _pydantic_schemas(app)
        for path_item in generated["paths"].values():
            for operation in path_item.values():  # `ReadMe` -> `Read Me`, as FastAPI names it
                operation["summary"] = WORD_START.sub(" ", operation["summary"])
                # a handler that sets a cookie returns a `Response[None]`: still no body
                operation["responses"].get("204", {}).pop("content", None)
        app.state["openapi_document"] = with_problem_details(generated)
    document: dict[str, Any] = app.state["openapi_document"]
    return document


def _pydantic_schemas(app: Litestar) -> dict[str, Any]:
    """Every body and response model of the routes, as pydantic (and FastAPI) writes it."""
    models = {model for route in app.routes for model in _route_models(route)}
    modes = [(model, "validation") for model in sorted(models, key=lambda m: m.__name__)]
    _, schemas = models_json_schema(modes, ref_template=REF_TEMPLATE)  # type: ignore[arg-type]
    return dict(schemas.get("$defs", {}))


def _route_models(route: object) -> Iterator[type[BaseModel]]:
    for handler in route.route_handlers if isinstance(route, HTTPRoute) else []:
        if handler.resolve_include_in_schema():
            hints = get_type_hints(handler.fn)
            yield from _models_in(hints.get("return"))
            yield from _models_in(hints.get("data"))


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    """`ItemRead`, `Readiness | Response[bytes]`, `Response[SessionStarted]` or `Page[ItemRead]`:
    the models named."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    elif get_origin(annotation) in (Union, types.UnionType, Response):
        for option in get_args(annotation):
            yield from _models_in(option)


class DocumentPlugin(OpenAPIRenderPlugin):
    """Serves our document where the docs page looks for it (`/docs/openapi.json`)."""

    def __init__(self) -> None:
        super().__init__(path="/openapi.json", media_type=MediaType.JSON)

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        return self.render_json(request, openapi_document(request.app))


def openapi_config(settings: Settings) -> OpenAPIConfig | None:
    """The docs (`/docs`, `/openapi.json`) exist only where the settings enable them."""
    if not settings.docs_enabled:
        return None
    return OpenAPIConfig(
        title=settings.api.title,
        description=settings.api.description,
        version=__version__,
        path=DOCS_PATH,
        render_plugins=[SwaggerRenderPlugin(path="/"), DocumentPlugin()],
        components=Components(security_schemes=_security_schemes()),
    )


def _security_schemes() -> dict[str, SecurityScheme | Reference]:
    """The auth style's scheme, as `api/challenge.py` declares it (auth=none declares none)."""
    declared = SECURITY_SCHEME
    if not declared:
        return {}
    scheme = SecurityScheme(
        type=declared["type"],
        description=declared["description"],
        scheme=declared.get("scheme"),
        name=declared.get("name"),
        security_scheme_in=declared.get("in"),
    )
    return {SCHEME_NAME: scheme}
