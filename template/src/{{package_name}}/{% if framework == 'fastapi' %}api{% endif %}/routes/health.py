"""Liveness (the process answers) and readiness (its database answers too; see readiness.py)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from ...schemas.health import Liveness, Readiness
from ..dependencies import ContainerDep
from ..errors import problem_response
from ..openapi import problems
from ..problems import Problem
from ..readiness import NOT_READY_DETAIL, readiness

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live() -> Liveness:
    return Liveness()


@router.get("/ready", response_model=Readiness, responses=problems(503))
async def ready(container: ContainerDep) -> Readiness | Response:
    ready, checks = await readiness(container)
    if not ready:
        return problem_response(Problem.of(503, "not_ready", NOT_READY_DETAIL, checks=checks))
    return Readiness.of(checks)
