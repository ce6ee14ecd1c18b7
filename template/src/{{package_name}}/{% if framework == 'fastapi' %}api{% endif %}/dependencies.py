"""Request-scoped dependencies: the container and pagination (the caller: `caller.py`).

Every dependency is `async def`, even when it never awaits: FastAPI runs a plain
`def` dependency in a worker thread, and that hop costs more than the work itself.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Annotated, cast

from fastapi import Depends, Path, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from ..schemas.common import MAX_ID
from ..services.container import Container
from .paging import LIMIT_DESCRIPTION, Pagination

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
UNKNOWN_QUERY = "This query parameter is not part of the operation."
_DECLARED_QUERY: dict[str, frozenset[str]] = {}


async def refuse_unknown_query(request: Request) -> None:
    """A misspelt query parameter (`?limt=5`) is an error, as an unknown body field is."""
    declared = _declared_query(request.scope.get("route"))
    unknown = [name for name in request.query_params if name not in declared]
    if unknown:
        raise RequestValidationError(
            [
                {"type": "extra_forbidden", "loc": ("query", name), "msg": UNKNOWN_QUERY}
                for name in unknown
            ]
        )


def _declared_query(route: object) -> frozenset[str]:
    """The route's own query parameters and its dependencies', walked once per operation.

    Keyed by the operation's `unique_id` (routes themselves are unhashable): every app built
    from this code declares the same parameters for the same operation.
    """
    if not isinstance(route, APIRoute):
        return frozenset()
    declared = _DECLARED_QUERY.get(route.unique_id)
    if declared is None:
        declared = _DECLARED_QUERY[route.unique_id] = frozenset(_query_names(route.dependant))
    return declared


def _query_names(dependant: Dependant) -> Iterator[str]:
    yield from (field.alias for field in dependant.query_params)
    for dependency in dependant.dependencies:
        yield from _query_names(dependency)


async def get_container(request: Request) -> Container:
    return cast(Container, request.app.state.container)


ContainerDep = Annotated[Container, Depends(get_container)]


async def request_scope(request: Request, container: ContainerDep) -> AsyncIterator[None]:
    """One database session for the whole request: authentication and the work share it.

    Safe methods get a session that only reads (no transaction round trips, no writes).
    """
    async with container.request_scope(request.method in SAFE_METHODS):
        yield


async def get_pagination(
    container: ContainerDep,
    limit: Annotated[int | None, Query(ge=1, le=100, description=LIMIT_DESCRIPTION)] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Pagination:
    return Pagination.within(container.settings.api, limit, offset)


PageParams = Annotated[Pagination, Depends(get_pagination)]
# An id no row can have (not a positive 64-bit integer) is a malformed request: 422, as
# the document says, rather than a 404 that would suggest such a resource could exist.
ResourceId = Annotated[int, Path(ge=1, le=MAX_ID, description="A positive 64-bit integer")]


def client_address(request: Request) -> str:
    """The peer address as the server saw it (proxy headers applied only from trusted IPs)."""
    return request.client.host if request.client else "unknown"
