"""The page a list request gets, by the same rule in every adapter."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.config_sections import ApiSettings

LIMIT_DESCRIPTION = "Page size (max 100)"


@dataclass(frozen=True, slots=True)
class Pagination:
    limit: int
    offset: int

    @classmethod
    def within(cls, api: ApiSettings, limit: int | None, offset: int) -> Pagination:
        """The size asked for, or the default, and never above the configured cap."""
        return cls(limit=min(limit or api.default_page_size, api.max_page_size), offset=offset)
