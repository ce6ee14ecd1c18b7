"""Load generators: wrk for closed loop, hey for a fixed offered rate, pinned to core 1."""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

LUA_SCRIPT = Path(__file__).with_name("report.lua")
WRK_TIMEOUT = "10s"  # a request slower than this counts as an error (a stall)


@dataclass(frozen=True)
class Request:
    """What every request of a run sends."""

    url: str
    method: str = "GET"
    body: str = ""
    token: str = ""


@dataclass(frozen=True)
class Measured:
    requests: int
    seconds: float
    rps: float
    p50: float
    p95: float
    p99: float
    max_ms: float
    errors: int
    detail: str = ""


def pin(core: int) -> list[str]:
    """`taskset -c core` when the machine has that core; nothing otherwise (noted in output)."""
    return ["taskset", "-c", str(core)] if len(os.sched_getaffinity(0)) > 1 else []


def wrk(request: Request, *, connections: int, seconds: float) -> Measured:
    """Closed loop: `connections` keep-alive connections, each sending as soon as answered."""
    env = {
        **os.environ,
        "BENCH_METHOD": request.method,
        "BENCH_BODY": request.body,
        "BENCH_TOKEN": request.token,
    }
    command = [
        *pin(1), "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
        f"--timeout={WRK_TIMEOUT}", "-s", str(LUA_SCRIPT), request.url,
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stdout}{done.stderr}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    elapsed = data["duration_us"] / 1e6
    socket_errors = data["connect"] + data["read"] + data["write"] + data["timeout"]
    return Measured(
        requests=data["requests"],
        seconds=elapsed,
        rps=data["requests"] / elapsed,
        p50=data["p50"] / 1000,
        p95=data["p95"] / 1000,
        p99=data["p99"] / 1000,
        max_ms=data["max"] / 1000,
        errors=data["status"] + socket_errors,
        detail=f"status>=400: {data['status']}, socket: {socket_errors}",
    )


def hey(request: Request, *, rate: int, seconds: float, workers: int = 10) -> Measured:
    """Fixed offered rate: `workers` clients each limited to rate/workers requests per second."""
    command = [*pin(1), "hey", "-z", f"{max(1, round(seconds))}s", "-c", str(workers)]
    command += ["-q", str(max(1, rate // workers)), "-m", request.method, "-t", "10"]
    if request.token:
        command += ["-H", f"Authorization: Bearer {request.token}"]
    if request.body:
        command += ["-T", "application/json", "-d", request.body]
    done = subprocess.run([*command, request.url], capture_output=True, text=True, check=False)
    if done.returncode != 0 or "Latency distribution" not in done.stdout:
        raise RuntimeError(f"hey failed ({done.returncode}): {done.stdout}{done.stderr}")
    return parse_hey(done.stdout)


def _seconds(pattern: str, text: str) -> float:
    found = re.search(pattern, text)
    return float(found.group(1)) * 1000 if found else float("nan")


def parse_hey(text: str) -> Measured:
    """Read hey's text summary: percentiles, status codes and the error distribution."""
    statuses = {int(c): int(n) for c, n in re.findall(r"\[(\d{3})\]\s+(\d+) responses", text)}
    errors_part = text.split("Error distribution:")[1] if "Error distribution:" in text else ""
    failed = sum(int(n) for n in re.findall(r"^\s+\[(\d+)\]\t", errors_part, re.MULTILINE))
    ok = sum(n for code, n in statuses.items() if 200 <= code < 400)
    total = sum(statuses.values()) + failed
    seconds = _seconds(r"Total:\s+([\d.]+) secs", text) / 1000
    return Measured(
        requests=total,
        seconds=seconds,
        rps=total / seconds if seconds else 0.0,
        p50=_seconds(r"50%+ in ([\d.]+) secs", text),
        p95=_seconds(r"95%+ in ([\d.]+) secs", text),
        p99=_seconds(r"99%+ in ([\d.]+) secs", text),
        max_ms=_seconds(r"Slowest:\s+([\d.]+) secs", text),
        errors=total - ok,
        detail=f"statuses {statuses}, socket errors {failed}",
    )
