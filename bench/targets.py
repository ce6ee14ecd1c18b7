"""The issue's targets, each judged from one run's figures: reported, never asserted."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .model import Extras, Result
from .project import median

RSS_LIMIT_MB = 150
RSS_GROWTH_MB = 5  # "flat": the last soak run's peak within this of the first's


@dataclass(frozen=True)
class Verdict:
    target: str
    figure: str
    passed: bool | None  # None: not measured in this mode

    @property
    def status(self) -> str:
        return {True: "PASS", False: "MISS", None: "n/a"}[self.passed]


def find(results: list[Result], server: str, label: str) -> Result | None:
    return next((r for r in results if r.server == server and r.label == label), None)


def judge(results: list[Result], extras: Extras, database: str) -> list[Verdict]:
    ours = [r for r in results if r.database == database]
    verdicts: list[Verdict] = []

    app, floor = find(ours, "app", "list c32"), find(ours, "floor", "list c32")
    if app and floor:
        ratio = app.rps / floor.rps
        text = f"{app.rps:.0f} vs {floor.rps:.0f} rps = {ratio:.2f}x"
        verdicts.append(Verdict("list c32 >= 0.6x floor rps", text, ratio >= 0.6))
    rate = find(ours, "app", "list 200/s")
    if rate:
        verdicts.append(Verdict("list p99 < 20 ms at 200/s", f"{rate.p99:.1f} ms", rate.p99 < 20))
    soak = find(ours, "app", "list soak c256")
    if soak:
        text = f"{soak.errors} errors, max {soak.max_ms:.0f} ms, {soak.seconds:.0f}s"
        verdicts.append(Verdict("256 conns: 0 errors, no stall", text, soak.errors == 0))
    else:
        verdicts.append(Verdict("256 conns: 0 errors, no stall", "not run", None))
    mixed = find(ours, "app", "health+4 logins 50/s")
    if mixed:
        text = f"{mixed.p99:.1f} ms ({mixed.note})"
        verdicts.append(Verdict("health p99 < 50 ms under 4 logins", text, mixed.p99 < 50))
    runs = extras.rss_runs_mb.get(database, [])
    if runs:
        flat = runs[-1] - runs[0] <= RSS_GROWTH_MB and max(runs) < RSS_LIMIT_MB
        text = " -> ".join(f"{mb:.0f}" for mb in runs) + " MB"
        verdicts.append(Verdict("worker RSS flat, < 150 MB", text, flat))
    else:
        verdicts.append(Verdict("worker RSS flat, < 150 MB", "not run", None))
    startup = [t for t in extras.startup_seconds.get(database, []) if not math.isnan(t)]
    if startup:
        text = f"{median(startup):.3f} s median of {len(startup)}"
        verdicts.append(Verdict("create_app import + start < 0.5 s", text, median(startup) < 0.5))
    return verdicts


def judge_copier(extras: Extras) -> Verdict:
    runs = extras.copier_seconds
    if not runs:
        return Verdict("copier copy (default) <= 2 s median", "not run", None)
    lock = f"; uv lock task {extras.uv_lock_seconds:.2f} s apart" if extras.uv_lock_seconds else ""
    text = f"{median(runs):.2f} s median of {len(runs)}{lock}"
    return Verdict("copier copy (default) <= 2 s median", text, median(runs) <= 2)
