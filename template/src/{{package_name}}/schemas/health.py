"""Health probe shapes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class Liveness(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    """`degraded`: serving, with a dependency down that only some requests need (Redis)."""

    status: Literal["ok", "degraded"] = "ok"
    checks: dict[str, str]

    @classmethod
    def of(cls, checks: dict[str, str]) -> Readiness:
        healthy = all(state == "ok" for state in checks.values())
        return cls(status="ok" if healthy else "degraded", checks=checks)
