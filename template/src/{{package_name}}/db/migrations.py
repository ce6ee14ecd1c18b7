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


def upgrade(settings: Settings, revision: str = "head") -> None:
    command.upgrade(alembic_config(settings), revision)


def downgrade(settings: Settings, revision: str) -> None:
    command.downgrade(alembic_config(settings), revision)
