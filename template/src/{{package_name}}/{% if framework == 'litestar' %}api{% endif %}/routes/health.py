"""Liveness (the process answers) and readiness (its database answers too; see readiness.py)."""

from __future__ import annotations

from litestar import Response, Router, get
from litestar.openapi import ResponseSpec

from ...schemas.health import Liveness, Readiness
from ..dependencies import ContainerDep
from ..errors import problem_response
from ..openapi import problems
from ..problems import Problem
from ..readiness import NOT_READY_DETAIL, readiness

READY = "The process and its database answer."


@get("/live")
async def live() -> Liveness:
    return Liveness()


# The success shape named here: Litestar would document the annotation's union as oneOf.
@get("/ready", responses={200: ResponseSpec(Readiness, description=READY), **problems(503)})
async def ready(container: ContainerDep) -> Readiness | Response[bytes]:
    ready, checks = await readiness(container)
    if not ready:
        return problem_response(Problem.of(503, "not_ready", NOT_READY_DETAIL, checks=checks))
    return Readiness.of(checks)


router = Router("/health", route_handlers=[live, ready], tags=["health"])
