"""What one load run produced, and the plan of runs for a mode (smoke or full)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Result:
    """One load run against one server; latencies in milliseconds."""

    database: str
    server: str  # "app" (the generated project) or "floor" (bench/floor_app.py)
    scenario: str
    connections: int
    rate: int | None  # offered requests/s for fixed-rate runs, None for closed loop
    seconds: float
    requests: int
    rps: float
    p50: float
    p95: float
    p99: float
    max_ms: float
    errors: int  # non-2xx/3xx responses + socket errors + timeouts
    peak_rss_mb: float = 0.0
    ratio: float | None = None  # to the floor: rps for closed loop, p99 for fixed rate
    note: str = ""

    @property
    def label(self) -> str:
        load = f"{self.rate}/s" if self.rate else f"c{self.connections}"
        return f"{self.scenario} {load}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Plan:
    """Durations (seconds) and connection counts; --smoke shrinks everything."""

    smoke: bool
    duration: float
    soak: float
    rss_run: float
    rss_runs: int
    connections: tuple[int, ...]
    rate: int = 200
    copier_runs: int = 3
    startup_runs: int = 5

    @classmethod
    def build(cls, *, smoke: bool, duration: float | None, soak: float | None) -> Plan:
        if smoke:
            return cls(True, duration or 3, 0, 0, 0, (32,), copier_runs=1, startup_runs=1)
        return cls(False, duration or 10, soak or 60, 30, 3, (32, 64, 256))


@dataclass
class Extras:
    """Figures measured outside the load runs."""

    ref: str = ""  # the template's git ref, "" for the working tree
    copier_seconds: list[float] = field(default_factory=list)
    uv_lock_seconds: float | None = None
    startup_seconds: dict[str, list[float]] = field(default_factory=dict)
    serve_ready_seconds: dict[str, float] = field(default_factory=dict)
    rss_runs_mb: dict[str, list[float]] = field(default_factory=dict)
