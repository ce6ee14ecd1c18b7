"""Shapes shared by every resource, and the string rules every text field follows.

The OpenAPI document is generated from these shapes, so each rule the server enforces is
written here as a JSON Schema keyword a client can read: a pattern, a length, a bound.
Lengths apply to the text as sent; trimming comes after validation and only ever makes
text shorter, so a request the document allows is never refused for its shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Generic, Self, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# Every database stores these as 64-bit signed integers; larger ids can name nothing.
MAX_ID = 2**63 - 1
BLANKS = " \t\n\r\f\v"
# PostgreSQL text cannot hold NUL, and no client means one: refused on every database.
NO_NUL = r"^[^\x00]*$"
NOT_BLANK = r"^[^\x00]*[^\x00 \t\n\r\f\v][^\x00]*$"


def _trim(value: str) -> str:
    return value.strip(BLANKS)


Text = Annotated[str, Field(pattern=NO_NUL)]
TRIMMED_NOTE = "Leading and trailing spaces, tabs and line breaks are removed."
# Last in an Annotated list, after the length and pattern: those judge the text as sent.
TRIMMED = AfterValidator(_trim)


class InputModel(BaseModel):
    """Base of request bodies: unknown fields are an error, never silently ignored."""

    model_config = ConfigDict(extra="forbid")


class OutputModel(BaseModel):
    """Base of responses: built from ORM objects, only declared fields leave the service."""

    model_config = ConfigDict(from_attributes=True)


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int

    @classmethod
    def of(cls, rows: Sequence[object], *, total: int, limit: int, offset: int) -> Self:
        """One page of ORM rows, each read as the page's item shape (`Page[ItemRead]`)."""
        fields = {"items": rows, "total": total, "limit": limit, "offset": offset}
        return cls.model_validate(fields, from_attributes=True)


class ProblemDetail(BaseModel):
    """RFC 9457 problem details, as every error response is shaped."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: list[dict[str, Any]] | None = None
