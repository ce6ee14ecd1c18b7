"""Request-scoped dependencies: the container and pagination (the caller: `caller.py`).

Litestar resolves independent dependencies concurrently, so the request's database
session is not one of them: `RequestScopeMiddleware` opens it around the handler instead.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, cast

from litestar import Request
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.exceptions import MethodNotAllowedException, ValidationException
from litestar.handlers import HTTPRouteHandler
from litestar.middleware import ASGIMiddleware
from litestar.params import Parameter
from litestar.routes import HTTPRoute
from litestar.types import ASGIApp, HTTPScope, Receive, Scope, Send

from ..schemas.common import MAX_ID
from ..services.container import Container
from .paging import LIMIT_DESCRIPTION, Pagination

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
UNKNOWN_QUERY = "This query parameter is not part of the operation."


class RequestScopeMiddleware(ASGIMiddleware):
    """One database session for the whole request: authentication and the work share it.

    Safe methods get a session that only reads (no transaction round trips, no writes).
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        method = cast("HTTPScope", scope)["method"]
        container = get_container(scope["litestar_app"].state)
        async with container.request_scope(method in SAFE_METHODS):
            await next_app(scope, receive, send)


async def refuse_options(request: Request[Any, Any, Any]) -> None:
    """No operation is declared for OPTIONS: 405, as for any other undeclared method.

    Litestar answers OPTIONS on every path by itself; CORS preflights never get here
    (`CorsMiddleware` answers them), so what is left is a method the document lacks.
    """
    if request.method == "OPTIONS":
        methods = _route(request).methods
        raise MethodNotAllowedException(headers={"allow": ", ".join(methods)})


async def refuse_unknown_query(request: Request[Any, Any, Any]) -> None:
    """A misspelt query parameter (`?limt=5`) is an error, as an unknown body field is."""
    await refuse_options(request)  # hooks do not add up: the nearest layer's alone runs
    declared = _declared_query(request)
    unknown = [name for name in request.query_params if name not in declared]
    if unknown:
        errors = [{"key": name, "source": "query", "message": UNKNOWN_QUERY} for name in unknown]
        raise ValidationException(extra=errors)


def _route(request: Request[Any, Any, Any]) -> HTTPRoute:
    """The route the router matched: the scope names its path template."""
    path = request.scope["path_template"]
    routes = request.app.routes
    return next(r for r in routes if isinstance(r, HTTPRoute) and r.path_format == path)


def _declared_query(request: Request[Any, Any, Any]) -> frozenset[str]:
    return _query_names(request.route_handler, _route(request))


@functools.lru_cache(maxsize=256)
def _query_names(handler: HTTPRouteHandler, route: HTTPRoute) -> frozenset[str]:
    """The operation's query parameters, its dependencies' included (Litestar merges them).

    Once per operation: the model is built from signatures, some 60 µs a time.
    """
    model = handler.create_kwargs_model(path_parameters=route.path_parameters)
    return frozenset(parameter.field_alias for parameter in model.expected_query_params)


def get_container(state: State) -> Container:
    return cast(Container, state.container)


ContainerDep = NamedDependency[Container]


def get_pagination(
    container: ContainerDep,
    limit: Annotated[int | None, Parameter(ge=1, le=100, description=LIMIT_DESCRIPTION)] = None,
    offset: Annotated[int, Parameter(ge=0, le=1_000_000)] = 0,
) -> Pagination:
    return Pagination.within(container.settings.api, limit, offset)


PageParams = NamedDependency[Pagination]


# An id no row can have (not a positive 64-bit integer) is a malformed request: 422, as
# the document says, rather than a 404 that would suggest such a resource could exist.
# `schema_extra`: Litestar writes bounds as floats, and 2**63 - 1 does not survive that.
ResourceId = Annotated[
    int,
    Parameter(
        ge=1, le=MAX_ID, description="A positive 64-bit integer", schema_extra={"maximum": MAX_ID}
    ),
]
CONTAINER = {"container": Provide(get_container, sync_to_thread=False)}
PAGE = {"page": Provide(get_pagination, sync_to_thread=False)}


def client_address(request: Request[Any, Any, Any]) -> str:
    """The peer address as the server saw it (proxy headers applied only from trusted IPs)."""
    return request.client.host if request.client else "unknown"
