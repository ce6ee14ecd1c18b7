"""Ratios to the floor, then the table printed, and written as JSON, Markdown and a PNG."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Extras, Plan, Result
from .targets import Verdict

HEADER = (
    "| db | server | scenario | rps | p50 ms | p95 ms | p99 ms | max ms | errors | "
    "peak RSS MB | vs floor |"
)


def add_ratios(results: list[Result]) -> None:
    """Closed loop: rps / floor rps at the same load (floor list when the floor lacks the
    scenario). Fixed rate: p99 / floor p99, >1 is slower."""
    floors = {(r.database, r.label): r for r in results if r.server == "floor"}
    for r in results:
        if r.server != "app":
            continue
        load = f"{r.rate}/s" if r.rate else f"c{r.connections}"
        name = r.scenario if r.scenario in ("health", "list") else "list"
        floor = floors.get((r.database, f"{name} {load}"))
        if floor and r.rate and floor.p99:
            r.ratio = round(r.p99 / floor.p99, 2)
        elif floor and not r.rate and floor.rps:
            r.ratio = round(r.rps / floor.rps, 2)


def row(r: Result) -> str:
    ratio = "" if r.ratio is None else f"{r.ratio:.2f}x" + (" p99" if r.rate else "")
    return (
        f"| {r.database} | {r.server} | {r.label} | {r.rps:.0f} | {r.p50:.1f} | {r.p95:.1f} | "
        f"{r.p99:.1f} | {r.max_ms:.0f} | {r.errors} | {r.peak_rss_mb:.0f} | {ratio} |"
    )


def markdown(results: list[Result], verdicts: list[tuple[str, Verdict]], extras: Extras) -> str:
    lines = [HEADER, "|" + "---|" * 11, *map(row, results), "", "| db | target | figure | |"]
    lines.append("|---|---|---|---|")
    lines += [f"| {db} | {v.target} | {v.figure} | {v.status} |" for db, v in verdicts]
    ready = ", ".join(f"{db} {s:.2f} s" for db, s in extras.serve_ready_seconds.items())
    lines += ["", f"`serve` start to first /health/live answer: {ready}"]
    lines += [f"template: {extras.ref or 'working tree'}"]
    return "\n".join(lines) + "\n"


def chart(results: list[Result], path: Path) -> None:
    """Grouped bars: p50/p95/p99 per run, one panel per database (log scale)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    databases = sorted({r.database for r in results})
    fig, axes = plt.subplots(len(databases), 1, figsize=(14, 5 * len(databases)), squeeze=False)
    for ax, database in zip(axes[:, 0], databases, strict=True):
        rows = [r for r in results if r.database == database]
        xs = range(len(rows))
        for offset, key in ((-0.27, "p50"), (0, "p95"), (0.27, "p99")):
            ax.bar([x + offset for x in xs], [getattr(r, key) for r in rows], 0.27, label=key)
        ax.set_xticks(list(xs), [f"{r.server}: {r.label}" for r in rows], rotation=60, ha="right")
        ax.set_yscale("log")
        ax.set_ylabel("latency (ms, log)")
        ax.set_title(f"latency percentiles per scenario - {database}")
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(
    out: Path,
    plan: Plan,
    results: list[Result],
    verdicts: list[tuple[str, Verdict]],
    extras: Extras,
) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    text = markdown(results, verdicts, extras)
    paths = {
        "json": out / "results.json",
        "markdown": out / "results.md",
        "png": out / "latency.png",
    }
    payload = {
        "plan": plan.__dict__,
        "results": [r.as_dict() for r in results],
        "targets": [{"database": db, **v.__dict__, "status": v.status} for db, v in verdicts],
        "extras": extras.__dict__,
    }
    paths["json"].write_text(json.dumps(payload, indent=2, default=str) + "\n")
    paths["markdown"].write_text(text)
    chart(results, paths["png"])
    print(text)
    return paths
