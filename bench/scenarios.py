"""The scenarios: what each load run sends, and to which server."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass

from .load import PACED_CONNECTIONS, Measured, Request, paced, wrk
from .model import Plan, Result
from .seed import API, Account, login
from .server import RssPeak, Running

MIXED_HEALTH_RATE = 50  # health probes/s offered while 4 clients log in
LOGINS = 4


@dataclass(frozen=True)
class Spec:
    name: str
    path: str
    account: Account | None = None  # whose bearer token; None: anonymous
    method: str = "GET"
    body: str = ""


def measure(
    running: Running, spec: Spec, database: str, server: str, *, seconds: float,
    connections: int = 0, rate: int | None = None, issuer: str = "",
) -> Result:  # fmt: skip
    """One run: closed loop at `connections`, or paced to an offered `rate`.

    The token always comes from the app (`issuer`, default: the server under test).
    """
    token = login(issuer or running.base_url, spec.account) if spec.account else ""
    request = Request(running.base_url + spec.path, spec.method, spec.body, token)
    with RssPeak(running.pid) as rss:
        if rate:
            m = paced(request, rate=rate, seconds=seconds)
        else:
            m = wrk(request, connections=connections, seconds=seconds)
    used = connections or PACED_CONNECTIONS
    return result(m, database, server, spec.name, used, rate, rss.peak, m.detail)


def result(
    m: Measured, database: str, server: str, name: str, connections: int,
    rate: int | None, rss: float, note: str,
) -> Result:  # fmt: skip
    return Result(
        database, server, name, connections, rate, round(m.seconds, 2), m.requests,
        round(m.rps, 1), round(m.p50, 2), round(m.p95, 2), round(m.p99, 2),
        round(m.max_ms, 2), m.errors, round(rss, 1), note=note,
    )  # fmt: skip


def app_specs(reader: Account, writer: Account) -> dict[str, Spec]:
    credentials = json.dumps({"email": reader.email, "password": reader.password})
    item = json.dumps({"title": "bench item", "description": "created under load"})
    return {
        "health": Spec("health", "/health/live"),
        "list": Spec("list", f"{API}/items?limit=20", reader),
        "get": Spec("get", f"{API}/items/{reader.first_item}", reader),
        "create": Spec("create", f"{API}/items", writer, "POST", item),
        "login": Spec("login", f"{API}/auth/login", None, "POST", credentials),
    }


def floor_specs(reader: Account) -> dict[str, Spec]:
    return {
        "health": Spec("health", "/health/live"),
        "list": Spec("list", f"{API}/items?limit=20", reader),
    }


def health_under_login(
    running: Running, specs: dict[str, Spec], database: str, seconds: float
) -> Result:
    """Health at a fixed rate while LOGINS clients log in back to back (argon2 in threads)."""
    login_request = Request(running.base_url + specs["login"].path, "POST", specs["login"].body)
    logins: list[Measured] = []
    background = threading.Thread(
        target=lambda: logins.append(wrk(login_request, connections=LOGINS, seconds=seconds + 2))
    )
    with RssPeak(running.pid) as rss:
        background.start()
        time.sleep(1)  # let the hashing threads get busy first
        health = Request(running.base_url + specs["health"].path)
        m = paced(health, rate=MIXED_HEALTH_RATE, seconds=seconds, connections=5)
        background.join()
    login_note = f"logins {logins[0].rps:.1f}/s, errors {logins[0].errors}" if logins else ""
    r = result(m, database, "app", "health+4 logins", 5, MIXED_HEALTH_RATE, rss.peak, login_note)
    r.errors += logins[0].errors if logins else 1
    return r


def run_app(
    running: Running, reader: Account, writer: Account, database: str, plan: Plan
) -> tuple[list[Result], list[float]]:
    """Every app scenario; returns the results and the RSS peaks of the successive soak runs."""
    specs = app_specs(reader, writer)
    d = plan.duration
    results: list[Result] = []
    for name in ("health", "list", "get", "create"):
        for c in plan.connections:
            results.append(measure(running, specs[name], database, "app", seconds=d, connections=c))
        if name == "list":
            results.append(
                measure(running, specs[name], database, "app", seconds=d, rate=plan.rate)
            )
    results.append(measure(running, specs["login"], database, "app", seconds=d, connections=LOGINS))
    results.append(health_under_login(running, specs, database, d))
    if plan.soak:
        soak = measure(running, specs["list"], database, "app", seconds=plan.soak, connections=256)
        soak.scenario = "list soak"
        results.append(soak)
    rss_runs: list[float] = []
    for number in range(plan.rss_runs):
        run = measure(running, specs["list"], database, "app", seconds=plan.rss_run, connections=64)
        run.scenario = f"list rss#{number + 1}"
        results.append(run)
        rss_runs.append(run.peak_rss_mb)
    return results, rss_runs


def run_floor(
    running: Running, app: Running, reader: Account, database: str, plan: Plan
) -> list[Result]:
    """The floor's runs, with tokens the app issues (both servers share the secret)."""
    specs, d, issuer = floor_specs(reader), plan.duration, app.base_url
    results = [
        measure(running, specs[name], database, "floor", seconds=d, connections=c, issuer=issuer)
        for name in ("health", "list")
        for c in plan.connections
    ]
    list_spec = specs["list"]
    results.append(
        measure(running, list_spec, database, "floor", seconds=d, rate=plan.rate, issuer=issuer)
    )
    return results
