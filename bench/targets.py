"""Issue #12's targets, each judged from one run's figures: reported, never asserted.

Ratios are to the floor in the same run (`report.add_ratios`). Where the issue sets no bar for a
framework (Flask's throughput and latency: its production server is measured against the same
floor and reported), the verdict is INFO with the figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Extras, Result
from .project import median

RSS_LIMIT_MB = 150
RSS_GROWTH_MB = 5  # "flat": the last soak run's peak within this of the first's
# list c32 (and get, create) as a share of the floor's list c32 rps, per framework
FLOOR_SHARE = {"fastapi": 0.5, "litestar": 0.6}
PACED_P99_MS = 10  # list at 200/s, FastAPI and Litestar
HEALTH_UNDER_LOGINS_P99_MS = 5
STARTUP_SECONDS = 0.5


@dataclass(frozen=True)
class Verdict:
    target: str
    figure: str
    passed: bool | None  # None: not measured in this mode
    reported: bool = False  # no bar for this framework: the figure alone

    @property
    def status(self) -> str:
        if self.reported:
            return "INFO"
        return {True: "PASS", False: "MISS", None: "n/a"}[self.passed]


def find(results: list[Result], server: str, label: str) -> Result | None:
    return next((r for r in results if r.server == server and r.label == label), None)


def judge(results: list[Result], extras: Extras, target: str) -> list[Verdict]:
    """Every target for one `framework/database`, in the issue's order."""
    ours = [r for r in results if r.database == target]
    share = FLOOR_SHARE.get(target.split("/")[0])
    return [
        *_throughput(ours, share),
        _paced(ours, share is not None),
        _soak(ours),
        _rss(extras.rss_runs_mb.get(target, [])),
        _health_under_logins(ours),
        _startup(extras.startup_seconds.get(target, [])),
    ]


def _throughput(ours: list[Result], share: float | None) -> list[Verdict]:
    """list, get and create at 32 connections, each against the floor's list."""
    floor = find(ours, "floor", "list c32")
    verdicts = []
    for name in ("list", "get", "create"):
        app = find(ours, "app", f"{name} c32")
        bar = f">= {share}x" if share else "vs"
        if not (app and floor):
            verdicts.append(Verdict(f"{name} c32 {bar} floor list rps", "not run", None))
            continue
        ratio = app.rps / floor.rps
        text = f"{app.rps:.0f} vs {floor.rps:.0f} rps = {ratio:.2f}x"
        passed = ratio >= share if share else None
        verdicts.append(Verdict(f"{name} c32 {bar} floor list rps", text, passed, not share))
    return verdicts


def _paced(ours: list[Result], has_bar: bool) -> Verdict:
    target = f"list p99 < {PACED_P99_MS} ms at 200/s" if has_bar else "list p99 at 200/s"
    rate = find(ours, "app", "list 200/s")
    if not rate:
        return Verdict(target, "not run", None)
    floor = find(ours, "floor", "list 200/s")
    text = f"{rate.p99:.1f} ms" + (f" (floor {floor.p99:.1f} ms)" if floor else "")
    return Verdict(target, text, rate.p99 < PACED_P99_MS, not has_bar)


def _soak(ours: list[Result]) -> Verdict:
    soak = find(ours, "app", "list soak c256")
    if not soak:
        return Verdict("256 conns: 0 errors, no stall", "not run", None)
    text = f"{soak.errors} errors, max {soak.max_ms:.0f} ms, {soak.seconds:.0f}s"
    return Verdict("256 conns: 0 errors, no stall", text, soak.errors == 0)


def _rss(runs: list[float]) -> Verdict:
    target = f"worker RSS flat, < {RSS_LIMIT_MB} MB"
    if not runs:
        return Verdict(target, "not run", None)
    flat = runs[-1] - runs[0] <= RSS_GROWTH_MB and max(runs) < RSS_LIMIT_MB
    return Verdict(target, " -> ".join(f"{mb:.0f}" for mb in runs) + " MB", flat)


def _health_under_logins(ours: list[Result]) -> Verdict:
    target = f"health p99 < {HEALTH_UNDER_LOGINS_P99_MS} ms under 4 logins"
    mixed = find(ours, "app", "health+4 logins 50/s")
    if not mixed:
        return Verdict(target, "not run", None)
    text = f"{mixed.p99:.1f} ms ({mixed.note})"
    return Verdict(target, text, mixed.p99 < HEALTH_UNDER_LOGINS_P99_MS)


def _startup(seconds: list[float]) -> Verdict:
    target = f"create_app import + start < {STARTUP_SECONDS} s"
    measured = [t for t in seconds if not math.isnan(t)]
    if not measured:
        return Verdict(target, "not run", None)
    text = f"{median(measured):.3f} s median of {len(measured)}"
    return Verdict(target, text, median(measured) < STARTUP_SECONDS)


def judge_copier(extras: Extras) -> Verdict:
    runs = extras.copier_seconds
    if not runs:
        return Verdict("copier copy (default) <= 2 s median", "not run", None)
    lock = f"; uv lock task {extras.uv_lock_seconds:.2f} s apart" if extras.uv_lock_seconds else ""
    text = f"{median(runs):.2f} s median of {len(runs)}{lock}"
    return Verdict("copier copy (default) <= 2 s median", text, median(runs) <= 2)
