"""Alembic driven from code, so `migrate`, app start-up in development and tests agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory

from ..core.config import Settings

ALEMBIC_INI = Path("alembic.ini")
SCRIPT_LOCATION = Path("config/alembic")


def alembic_config(settings: Settings) -> Config:
    config = Config(str(ALEMBIC_INI)) if ALEMBIC_INI.is_file() else Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["settings"] = settings
    return config


def upgrade(settings: Settings, revision: str = "heads") -> None:
    """Every head: a template update may add a migration beside the team's own (two heads
    until `alembic merge heads` joins them), and a deployment must not stop on that."""
    command.upgrade(alembic_config(settings), revision)


def downgrade(settings: Settings, revision: str) -> None:
    command.downgrade(alembic_config(settings), revision)


def pending(settings: Settings) -> set[str]:
    """The heads the database has not reached: what `migrate --check` reports, and what a
    new release's pods wait on (deploy/k8s) while the migration Job runs."""
    config = alembic_config(settings)
    script = ScriptDirectory.from_config(config)
    applied: set[str] = set()

    def record(current: Any, _context: Any) -> list[Any]:
        applied.update(rev.revision for rev in script.get_all_current(current) if rev)
        return []

    with EnvironmentContext(config, script, fn=record, dont_mutate=True):
        script.run_env()
    return set(script.get_heads()) - applied
