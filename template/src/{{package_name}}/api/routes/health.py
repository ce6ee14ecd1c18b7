"""Liveness (the process answers) and readiness (its database answers too)."""

from __future__ import annotations

import asyncio

import structlog
from fastapi import APIRouter
from fastapi.responses import Response

from ...schemas.health import Liveness, Readiness
from ..dependencies import ContainerDep
from ..errors import problem_response
from ..openapi import problems

router = APIRouter(prefix="/health", tags=["health"])
log = structlog.get_logger(__name__)
READY_TIMEOUT_SECONDS = 3.0


@router.get("/live")
async def live() -> Liveness:
    return Liveness()


@router.get("/ready", response_model=Readiness, responses=problems(503))
async def ready(container: ContainerDep) -> Readiness | Response:
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS), container.uow() as uow:
            await uow.ping()
    except Exception:  # any failure to reach the database means "not ready"
        log.warning("readiness_failed", exc_info=True)
        detail = "The database is unreachable."
        return problem_response(503, "not_ready", detail, checks={"database": "unavailable"})
    return Readiness(checks={"database": "ok"})
