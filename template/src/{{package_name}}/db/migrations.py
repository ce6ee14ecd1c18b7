"""Alembic driven from code, so `migrate`, app start-up in development and tests agree."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

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
