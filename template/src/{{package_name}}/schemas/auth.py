"""Login and token shapes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from .common import InputModel
from .users import Email

TokenString = Annotated[str, Field(min_length=1, max_length=512)]


class LoginRequest(InputModel):
    email: Email
    password: Annotated[str, Field(min_length=1, max_length=128)]


class RefreshRequest(InputModel):
    refresh_token: TokenString


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - a scheme name, not a secret
    expires_in: int = Field(description="Seconds until the access token expires")
