"""Registration, login, token refresh and logout."""

from __future__ import annotations

from typing import Any

from litestar import Request, Router, post, status_codes
from litestar.params import JSONBody

from ...schemas.auth import LoginRequest, RefreshRequest, TokenPair
from ...schemas.users import UserCreate, UserRead
from ..dependencies import ContainerDep, client_address
from ..openapi import problems


@post("/register", status_code=status_codes.HTTP_201_CREATED, responses=problems(409))
async def register(data: JSONBody[UserCreate], container: ContainerDep) -> UserRead:
    user = await container.auth.register(data)
    return UserRead.model_validate(user)


@post("/login", status_code=status_codes.HTTP_200_OK, responses=problems(401, 429))
async def login(
    data: JSONBody[LoginRequest], request: Request[Any, Any, Any], container: ContainerDep
) -> TokenPair:
    return await container.auth.login(
        email=data.email, password=data.password, client=client_address(request)
    )


@post("/refresh", status_code=status_codes.HTTP_200_OK, responses=problems(401))
async def refresh(data: JSONBody[RefreshRequest], container: ContainerDep) -> TokenPair:
    return await container.auth.refresh(data.refresh_token)


@post("/logout", status_code=status_codes.HTTP_204_NO_CONTENT)
async def logout(data: JSONBody[RefreshRequest], container: ContainerDep) -> None:
    await container.auth.logout(data.refresh_token)


router = Router("/auth", route_handlers=[register, login, refresh, logout], tags=["auth"])
