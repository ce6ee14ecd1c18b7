"""Item shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, field_validator
from pydantic.json_schema import SkipJsonSchema

from .common import NOT_BLANK, TRIMMED, TRIMMED_NOTE, InputModel, OutputModel, Text

Title = Annotated[str, Field(max_length=200, pattern=NOT_BLANK, description=TRIMMED_NOTE), TRIMMED]
Description = Annotated[Text, Field(max_length=10_000)]


class ItemCreate(InputModel):
    title: Title
    description: Description | None = None


class ItemUpdate(InputModel):
    # Omit the title to keep it; null is refused, and the document does not offer it.
    title: Title | SkipJsonSchema[None] = None
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
