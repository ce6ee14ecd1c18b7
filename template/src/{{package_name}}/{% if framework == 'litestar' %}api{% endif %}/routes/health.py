"""Liveness (the process answers) and readiness (its database answers too)."""

from __future__ import annotations

import asyncio

import structlog
from litestar import Response, Router, get
from litestar.openapi import ResponseSpec

from ...schemas.health import Liveness, Readiness
from ..dependencies import ContainerDep
from ..errors import problem_response
from ..openapi import problems

log = structlog.get_logger(__name__)
READY_TIMEOUT_SECONDS = 3.0
READY = "The process and its database answer."


@get("/live")
async def live() -> Liveness:
    return Liveness()


# The success shape named here: Litestar would document the annotation's union as oneOf.
@get("/ready", responses={200: ResponseSpec(Readiness, description=READY), **problems(503)})
async def ready(container: ContainerDep) -> Readiness | Response[bytes]:
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS), container.uow() as uow:
            await uow.ping()
    except Exception:  # any failure to reach the database means "not ready"
        log.warning("readiness_failed", exc_info=True)
        detail = "The database is unreachable."
        return problem_response(503, "not_ready", detail, checks={"database": "unavailable"})
    return Readiness(checks={"database": "ok"})


router = Router("/health", route_handlers=[live, ready], tags=["health"])
