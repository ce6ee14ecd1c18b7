"""Load from wrk, pinned to core 1: closed loop, or paced to an offered rate.

Paced runs give every connection random (exponential) pauses between its requests, so
arrivals are close to a Poisson stream. A fixed-rate tool whose clients tick together
(`hey -q`) sends its load in bursts of one request per client, and its latency then
measures the queue behind each burst rather than the server's answer time.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

LUA_SCRIPT = Path(__file__).with_name("report.lua")
PACED_CONNECTIONS = 40  # mean pause 200 ms at 200/s: answer times barely lower the rate
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


def wrk(request: Request, *, connections: int, seconds: float, pause_ms: float = 0) -> Measured:
    """`connections` keep-alive connections, each sending again as soon as answered, or after
    a random pause of `pause_ms` on average."""
    env = {
        **os.environ,
        "BENCH_METHOD": request.method,
        "BENCH_BODY": request.body,
        "BENCH_TOKEN": request.token,
        "BENCH_PAUSE_MS": str(pause_ms),
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


def paced(
    request: Request, *, rate: int, seconds: float, connections: int = PACED_CONNECTIONS
) -> Measured:
    """About `rate` requests/s offered, as a Poisson-like stream: while answers take far less
    than the mean pause, each connection sends rate/connections requests per second."""
    return wrk(
        request, connections=connections, seconds=seconds, pause_ms=connections * 1000 / rate
    )
