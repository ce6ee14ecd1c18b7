"""User shapes: what a client may send, and what it gets back (never the hash)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, Field, WithJsonSchema

from ..models import Role
from .common import NOT_BLANK, TRIMMED, TRIMMED_NOTE, InputModel, OutputModel

EMAIL_RULE = "Special-use domains other than .test (.local, .onion, .invalid...) are refused."


def _email(value: str) -> str:
    """A syntactically valid address, as `format: email` promises; stored lowercase.

    Domains reserved for testing (`.test`, RFC 2606) are accepted, as teams use them in test
    environments; other special-use names (`.local`, `.onion`, `.invalid`...) are refused.
    """
    try:
        checked = validate_email(value, check_deliverability=False, test_environment=True)
    except EmailNotValidError as exc:
        raise ValueError(f"value is not a valid email address: {exc}") from None
    return checked.normalized.lower()


EMAIL_SCHEMA = {"type": "string", "format": "email", "description": EMAIL_RULE}
Email = Annotated[str, AfterValidator(_email), WithJsonSchema(EMAIL_SCHEMA)]
Password = Annotated[str, Field(min_length=8, max_length=128)]
FullName = Annotated[
    str, Field(max_length=255, pattern=NOT_BLANK, description=TRIMMED_NOTE), TRIMMED
]


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
