"""Item shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, field_validator

from .common import InputModel, OutputModel

Title = Annotated[str, Field(min_length=1, max_length=200)]
Description = Annotated[str, Field(max_length=10_000)]


class ItemCreate(InputModel):
    title: Title
    description: Description | None = None


class ItemUpdate(InputModel):
    title: Title | None = None
    description: Description | None = None

    @field_validator("title")
    @classmethod
    def _title_not_null(cls, value: str | None) -> str:
        if value is None:
            raise ValueError("title can be changed but not removed")
        return value


class ItemRead(OutputModel):
    id: int
    owner_id: int
    title: str
    description: str | None
    created_at: datetime
    updated_at: datetime
