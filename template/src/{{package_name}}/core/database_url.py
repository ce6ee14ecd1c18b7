"""Plain database URLs in, driver-qualified URLs out.

Users write `sqlite:///…`, `postgresql://…` or `mysql://…`; the application
picks the driver it was generated with, so `.env` files stay portable.
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

ASYNC_DRIVERS = {
    "sqlite": "aiosqlite",
    "postgresql": "asyncpg",
    "mysql": "asyncmy",
    "mariadb": "asyncmy",
}
ALIASES = {"postgres": "postgresql"}


class DatabaseUrlError(ValueError):
    """The configured DATABASE_URL cannot be used; the message names the fix."""


def parse_database_url(raw: str) -> URL:
    """Validate `raw` and return it with this project's async driver filled in."""
    try:
        url = make_url(raw)
    except ArgumentError:
        raise DatabaseUrlError(
            "DATABASE_URL is not a valid URL (expected e.g. sqlite:///./var/app.db)"
        ) from None
    backend = ALIASES.get(url.get_backend_name(), url.get_backend_name())
    driver = ASYNC_DRIVERS.get(backend)
    if driver is None:
        supported = ", ".join(sorted(ASYNC_DRIVERS))
        raise DatabaseUrlError(f"DATABASE_URL scheme '{backend}' is not supported ({supported})")
    if backend == "sqlite":
        return url.set(drivername=f"sqlite+{driver}")
    if not url.host or not url.database:
        raise DatabaseUrlError("DATABASE_URL must name a host and a database")
    return url.set(drivername=f"{backend}+{driver}")


def redact(url: URL) -> str:
    """The URL as it may appear in logs: never with its password."""
    return url.render_as_string(hide_password=True)
