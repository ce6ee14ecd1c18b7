"""What a Flask view gets besides its validated input: the container, the caller, a page.

The container lives in `app.extensions`; the caller is authenticated from the bearer token
before the request's input is validated, as in every adapter (a 401 before a 422).
"""

from __future__ import annotations

from typing import Annotated, cast

from flask import current_app, request
from pydantic import Field

from ..core.exceptions import AdminRequiredError
from ..models import User
from ..schemas.common import MAX_ID, InputModel
from ..services.container import Container
from . import challenge
from .paging import LIMIT_DESCRIPTION, Pagination

CONTAINER = "container"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# An id no row can have (not a positive 64-bit integer) is a malformed request: 422, as
# the document says, rather than a 404 that would suggest such a resource could exist.
ResourceId = Annotated[int, Field(ge=1, le=MAX_ID, description="A positive 64-bit integer")]


class PageQuery(InputModel):
    """The query of a list operation; any other name in the query string is refused."""

    limit: int | None = Field(default=None, ge=1, le=100, description=LIMIT_DESCRIPTION)
    offset: int = Field(default=0, ge=0, le=1_000_000)

    def page(self) -> Pagination:
        return Pagination.within(container().settings.api, self.limit, self.offset)


def container() -> Container:
    return cast(Container, current_app.extensions[CONTAINER])


def read_only() -> bool:
    """Safe methods get a session that only reads (no transaction round trips, no writes)."""
    return request.method in SAFE_METHODS


def authenticate(*, admin: bool) -> User:
    """The caller the request's credential names, as the auth style reads and checks it
    (`api/challenge.py`)."""
    user = challenge.authenticate(
        container(), method=request.method, header=request.headers.get, cookie=request.cookies.get
    )
    if admin and not user.is_admin:
        raise AdminRequiredError
    return user


def client_address() -> str:
    """The peer address (`ProxyHeadersMiddleware` has applied proxy headers from trusted IPs)."""
    return request.remote_addr or "unknown"
