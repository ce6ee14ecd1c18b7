"""Routers of the HTTP API."""

from fastapi import APIRouter, Depends

from ..dependencies import refuse_unknown_query, request_scope
from . import auth, health, items, users

api_router = APIRouter(
    prefix="/api/v1", dependencies=[Depends(refuse_unknown_query), Depends(request_scope)]
)
api_router.include_router(auth.router)
api_router.include_router(users.router)
api_router.include_router(items.router)

__all__ = ["api_router", "health"]
