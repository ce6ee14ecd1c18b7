"""The answer combinations the template offers, read from copier.yml.

Axes that change generated code (framework, database, auth, python_version) are
crossed in full; axes that only change a file or two (license, CI, Renovate) are spread
over those combinations so every value still appears, keeping the run small. Redis is
spread too: its code meets the framework and the auth style, never the database or the
Python version, and the spread gives every (framework, database, auth) both of its values.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import yaml

TEMPLATE_ROOT = Path(__file__).resolve().parent.parent
CODE_AXES = ("framework", "database", "auth", "python_version")
SPREAD_AXES = ("license", "ci_provider", "renovate", "redis")
REDIS_DATABASE = "postgresql"  # the covering set's projects on it run with Redis


def questions() -> dict[str, Any]:
    config = yaml.safe_load((TEMPLATE_ROOT / "copier.yml").read_text())
    return {key: value for key, value in config.items() if not key.startswith("_")}


def choices(question: str) -> list[Any]:
    """The values a question offers, its default first for yes/no questions."""
    spec = questions()[question]
    if spec.get("type") == "bool":
        return [bool(spec.get("default")), not spec.get("default")]
    return offered(spec)


def offered(spec: dict[str, Any]) -> list[str]:
    """The values of a question's `choices` (a list, or labels to values), as strings."""
    options = spec.get("choices") or {}
    values = options.values() if isinstance(options, dict) else options
    return [str(value) for value in values]


def defaults() -> dict[str, Any]:
    return {axis: choices(axis)[0] for axis in (*CODE_AXES, *SPREAD_AXES)}


def all_combinations() -> list[dict[str, Any]]:
    crossed = list(itertools.product(*(choices(axis) for axis in CODE_AXES)))
    spread = [choices(axis) for axis in SPREAD_AXES]
    size = max(len(crossed), *(len(values) for values in spread))
    combos = []
    for index in range(size):
        combo = dict(zip(CODE_AXES, crossed[index % len(crossed)], strict=True))
        for axis, values in zip(SPREAD_AXES, spread, strict=True):
            combo[axis] = values[index % len(values)]
        combos.append(combo)
    return combos


def covering_set() -> list[dict[str, Any]]:
    """Every pair of framework x database x auth values at least once, defaults first; the
    projects on PostgreSQL (every framework and auth style among them) with Redis."""
    base = defaults()
    wanted = {
        (a, b, va, vb)
        for a, b in itertools.combinations(("framework", "database", "auth"), 2)
        for va in choices(a)
        for vb in choices(b)
    }
    chosen = _turning_square(base)
    candidates = [
        {**base, "framework": f, "database": d, "auth": a}
        for f in choices("framework")
        for d in choices("database")
        for a in choices("auth")
    ]
    while True:
        covered = {
            (a, b, c[a], c[b])
            for c in chosen
            for a, b in itertools.combinations(("framework", "database", "auth"), 2)
        }
        missing = wanted - covered
        if not missing:
            return [{**combo, "redis": combo["database"] == REDIS_DATABASE} for combo in chosen]
        best = max(candidates, key=lambda c: len(_pairs(c) & missing))
        chosen.append(best)


def _pairs(combo: dict[str, str]) -> set[tuple[str, str, str, str]]:
    return {
        (a, b, combo[a], combo[b])
        for a, b in itertools.combinations(("framework", "database", "auth"), 2)
    }


def _turning_square(base: dict[str, Any]) -> list[dict[str, Any]]:
    """Each (framework, auth) pair once, the database turning with both: |F| x |A| projects,
    the fewest that hold every (framework, auth) pair. While auth has at least as many values
    as the database axis, each auth value meets every database, and while frameworks and
    databases are as many, each framework meets every database too. Defaults come first."""
    frameworks, databases, auths = choices("framework"), choices("database"), choices("auth")
    return [
        {**base, "framework": f, "database": databases[(i + a) % len(databases)], "auth": auth}
        for a, auth in enumerate(auths)
        for i, f in enumerate(frameworks)
    ]


def combo_id(combo: dict[str, Any]) -> str:
    axes = (*CODE_AXES, *SPREAD_AXES)
    return "-".join(_label(axis, combo[axis]) for axis in axes if axis in combo)


def _label(axis: str, value: Any) -> str:
    if isinstance(value, bool):
        return axis if value else f"no-{axis}"
    return str(value)
