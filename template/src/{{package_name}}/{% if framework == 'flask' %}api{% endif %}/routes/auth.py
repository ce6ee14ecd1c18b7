"""Registration, login, token refresh and logout."""

from __future__ import annotations

from ...schemas.auth import LoginRequest, RefreshRequest, TokenPair
from ...schemas.users import UserCreate, UserRead
from ..dependencies import client_address, container
from ..endpoints import Router

router = Router("/api/v1/auth", "auth")


@router.route("POST", "/register", status=201, body=UserCreate, response=UserRead, problems=(409,))
def register(body: UserCreate) -> UserRead:
    return UserRead.model_validate(container().auth.register(body))


@router.route(
    "POST", "/login", status=200, body=LoginRequest, response=TokenPair, problems=(401, 429)
)
def login(body: LoginRequest) -> TokenPair:
    return container().auth.login(email=body.email, password=body.password, client=client_address())


@router.route(
    "POST", "/refresh", status=200, body=RefreshRequest, response=TokenPair, problems=(401,)
)
def refresh(body: RefreshRequest) -> TokenPair:
    return container().auth.refresh(body.refresh_token)


@router.route("POST", "/logout", status=204, body=RefreshRequest)
def logout(body: RefreshRequest) -> None:
    container().auth.logout(body.refresh_token)
