"""The metrics the app records, defined once per process.

Importing this module imports `prometheus_client`, which reads at that moment whether its
values go to shared files (`serve` with a metrics directory) or stay in memory (tests, CLI).
Labels are bounded: the route is the template (`/api/v1/items/{item_id}`), never the path.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"  # a path no route serves: one series, whatever was asked for

REQUESTS = Counter("http_requests", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "http_request_duration_seconds",
    "Time from the request's arrival to its answer",
    ["method", "route", "status"],
    buckets=(0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
POOL = Gauge(
    "db_pool_connections",
    "Database connections of this process's pool, by state",
    ["state"],
    multiprocess_mode="livesum",
)
RATE_LIMITED = Counter("rate_limit_rejections", "Requests refused with 429 by a limit", ["limit"])
LOGIN_FAILURES = Counter("login_failures", "Logins refused for a wrong email or password")


def observe_request(method: str, route: str | None, status: int, seconds: float) -> None:
    """One answered request; methods outside HTTP's own count as `OTHER`."""
    labels = (method if method in METHODS else "OTHER", route or UNMATCHED, str(status))
    REQUESTS.labels(*labels).inc()
    LATENCY.labels(*labels).observe(seconds)
