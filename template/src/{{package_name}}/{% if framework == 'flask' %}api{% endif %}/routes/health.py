"""Liveness (the process answers) and readiness (its database answers too; see readiness.py)."""

from __future__ import annotations

from flask import Response

from ...schemas.health import Liveness, Readiness
from ..dependencies import container
from ..endpoints import Router
from ..errors import problem_response
from ..problems import Problem
from ..readiness import NOT_READY_DETAIL, readiness

router = Router("/health", "health", scoped=False)


@router.route("GET", "/live", status=200, response=Liveness)
def live() -> Liveness:
    return Liveness()


@router.route("GET", "/ready", status=200, response=Readiness, problems=(503,))
def ready() -> Readiness | Response:
    ready, checks = readiness(container())
    if not ready:
        return problem_response(Problem.of(503, "not_ready", NOT_READY_DETAIL, checks=checks))
    return Readiness.of(checks)
