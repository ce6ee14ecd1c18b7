"""Routers of the HTTP API: each records its operations for the OpenAPI document."""

from ..endpoints import Router
from . import auth, health, items, users

ROUTERS: list[Router] = [health.router, auth.router, users.router, items.router]

__all__ = ["ROUTERS"]
