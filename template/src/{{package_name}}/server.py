"""The production server: uvicorn with our options, and a stop that is graceful and bounded.

On SIGTERM uvicorn closes the listening socket, lets the requests in flight finish for up to
`server.graceful_timeout` seconds, cuts what is left, runs the lifespan shutdown (the database
pool closes) and raises the signal again. `exit_on_sigterm` makes that exit status 0, and keeps
a thread still busy (hashing a password for a request that was cut) from holding the exit up
for more than EXIT_TIMEOUT seconds. With `--workers N` uvicorn's supervisor passes SIGTERM on
to every worker and exits 0 once they have stopped; the port stays open until then.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from types import FrameType
from typing import NoReturn

import uvicorn

from .core.config import Settings

APP_FACTORY = f"{__package__}.main:app_factory"
EXIT_TIMEOUT = 2.0


def serve(
    settings: Settings, *, host: str | None, port: int | None, workers: int | None, reload: bool
) -> None:
    server = settings.server
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host or server.host,
        port=port or server.port,
        workers=None if reload else workers or server.workers,
        reload=reload,
        proxy_headers=True,
        forwarded_allow_ips=server.forwarded_allow_ips,
        timeout_graceful_shutdown=server.graceful_timeout,
        server_header=False,
        access_log=False,
        log_config=None,
    )


def exit_on_sigterm(_signum: int, _frame: FrameType | None) -> NoReturn:
    """A stop that was asked for is a success, not death by signal (status -15)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once
    threading.Thread(target=exit_after, args=(EXIT_TIMEOUT,), daemon=True).start()
    sys.exit(0)


def exit_after(seconds: float) -> None:
    """Exit now unless the interpreter, waiting for its threads, has done so by then."""
    time.sleep(seconds)
    sys.stdout.flush()  # the last log lines: os._exit flushes nothing
    sys.stderr.flush()
    os._exit(0)
