"""Routers of the HTTP API."""

from litestar import Router

from ..dependencies import RequestScopeMiddleware, refuse_unknown_query
from . import auth, docs, health, items, users

api_router = Router(
    "/api/v1",
    route_handlers=[auth.router, users.router, items.router],
    middleware=[RequestScopeMiddleware()],
    before_request=refuse_unknown_query,
)

__all__ = ["api_router", "docs", "health"]
