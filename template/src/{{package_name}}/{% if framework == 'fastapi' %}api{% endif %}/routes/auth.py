"""Registration, login, token refresh and logout."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from ...schemas.auth import LoginRequest, RefreshRequest, TokenPair
from ...schemas.users import UserCreate, UserRead
from ..dependencies import ContainerDep, client_address
from ..openapi import problems

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    responses=problems(409),
)
async def register(data: UserCreate, container: ContainerDep) -> UserRead:
    user = await container.auth.register(data)
    return UserRead.model_validate(user)


@router.post("/login", responses=problems(401, 429))
async def login(data: LoginRequest, request: Request, container: ContainerDep) -> TokenPair:
    return await container.auth.login(
        email=data.email, password=data.password, client=client_address(request)
    )


@router.post("/refresh", responses=problems(401))
async def refresh(data: RefreshRequest, container: ContainerDep) -> TokenPair:
    return await container.auth.refresh(data.refresh_token)


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def logout(data: RefreshRequest, container: ContainerDep) -> None:
    await container.auth.logout(data.refresh_token)
