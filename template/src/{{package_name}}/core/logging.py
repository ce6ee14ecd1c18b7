"""Logging set up from `config/logging.yaml`: JSON in production, readable in development.

structlog renders through the standard library, so library logs (uvicorn,
SQLAlchemy, Alembic) and our own share one format and carry the request ID (and, while
tracing, the trace and span IDs).
"""

from __future__ import annotations

import logging.config
from pathlib import Path
from typing import Any

import structlog
import yaml

from .config import Settings
from .tracing import add_trace_ids

SHARED_PROCESSORS: list[structlog.typing.Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    add_trace_ids,
]


def json_formatter() -> structlog.stdlib.ProcessorFormatter:
    """Factory named in logging.yaml: one JSON object per line."""
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED_PROCESSORS,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
    )


def console_formatter() -> structlog.stdlib.ProcessorFormatter:
    """Factory named in logging.yaml: aligned, human-readable lines."""
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED_PROCESSORS,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.dev.ConsoleRenderer(
                colors=False, exception_formatter=structlog.dev.plain_traceback
            ),
        ],
    )


def load_logging_config(settings: Settings) -> dict[str, Any]:
    """Read the YAML config and point its handlers at the formatter this environment wants."""
    path = Path(settings.logging.config_file)
    config: dict[str, Any] = yaml.safe_load(path.read_text()) if path.is_file() else {}
    config.setdefault("version", 1)
    config.setdefault("disable_existing_loggers", False)
    config.setdefault("formatters", {})
    config["formatters"].setdefault("json", {"()": json_formatter})
    config["formatters"].setdefault("console", {"()": console_formatter})
    config.setdefault("handlers", {"default": {"class": "logging.StreamHandler"}})
    for handler in config["handlers"].values():
        handler["formatter"] = settings.log_format
    config.setdefault("root", {"handlers": list(config["handlers"])})
    config["root"]["level"] = settings.logging.level
    return config


def configure_logging(settings: Settings) -> None:
    logging.config.dictConfig(load_logging_config(settings))
    structlog.configure(
        processors=[
            *SHARED_PROCESSORS,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
