"""Run inside the generated project's interpreter: time `create_app` import and start.

Prints one JSON object: seconds to import the composition root, to build the app,
and to run its lifespan start-up (what happens before the first request is served).
"""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
import time


async def start(app: object) -> None:
    """The framework's own start-up and shutdown, as its server runs them."""
    if hasattr(app, "router") and hasattr(app.router, "lifespan_context"):  # FastAPI
        async with app.router.lifespan_context(app):
            pass
    else:  # Litestar
        async with app.lifespan():  # type: ignore[attr-defined]
            pass


def start_sync(app: object) -> None:
    """Flask has no lifespan: the server's app factory enters `running` for the worker."""
    with app.state.lifespan():  # type: ignore[attr-defined]
        pass


def main(package: str) -> None:
    started = time.perf_counter()
    module = importlib.import_module(f"{package}.main")
    imported = time.perf_counter()
    app = module.create_app()
    created = time.perf_counter()
    if hasattr(getattr(app, "state", None), "lifespan"):
        start_sync(app)
    else:
        asyncio.run(start(app))
    ready = time.perf_counter()
    figures = {"import": imported - started, "create": created - imported, "start": ready - created}
    print(json.dumps({**figures, "total": ready - started}))


if __name__ == "__main__":
    main(sys.argv[1])
