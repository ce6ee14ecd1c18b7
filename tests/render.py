"""Render the template into a folder, as a user's `copier copy` would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from copier import run_copy

from .matrix import TEMPLATE_ROOT


def render(destination: Path, *, skip_tasks: bool = True, **answers: Any) -> Path:
    """Copy the template's working tree (uncommitted changes included) with `answers`."""
    run_copy(
        src_path=str(TEMPLATE_ROOT),
        dst_path=str(destination),
        data=answers,
        defaults=True,
        unsafe=True,
        skip_tasks=skip_tasks,
        quiet=True,
    )
    return destination
