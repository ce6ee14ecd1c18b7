"""Whether the database answers, for `/health/ready` in every adapter."""

from __future__ import annotations

import asyncio

import structlog

from ..services.container import Container

log = structlog.get_logger(__name__)
READY_TIMEOUT_SECONDS = 3.0
NOT_READY_DETAIL = "The database is unreachable."


async def database_answers(container: Container) -> bool:
    """A ping within a few seconds; any failure means "not ready", logged with its cause."""
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS), container.uow() as uow:
            await uow.ping()
    except Exception:  # any failure to reach the database means "not ready"
        log.warning("readiness_failed", exc_info=True)
        return False
    return True
