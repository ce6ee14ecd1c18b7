"""User shapes: what a client may send, and what it gets back (never the hash)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, EmailStr, Field

from ..models import Role
from .common import InputModel, OutputModel

Email = Annotated[EmailStr, AfterValidator(str.lower)]
Password = Annotated[str, Field(min_length=8, max_length=128)]
FullName = Annotated[str, Field(min_length=1, max_length=255)]


class UserCreate(InputModel):
    email: Email
    password: Password
    full_name: FullName | None = None


class UserSelfUpdate(InputModel):
    """What users may change about themselves: not their role, not their status."""

    full_name: FullName | None = None
    password: Password | None = None


class UserAdminUpdate(InputModel):
    role: Role | None = None
    is_active: bool | None = None


class UserRead(OutputModel):
    id: int
    email: str
    full_name: str | None
    role: Role
    is_active: bool
    created_at: datetime
