"""The app served over real HTTP on a loopback port, for tests that need a real client.

The server runs in a thread with its own event loop, as production runs it in its own
process: requests cross a socket, and the app's engine lives in the loop that serves it.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import uvicorn

from tests.helpers import App

START_TIMEOUT_SECONDS = 10.0
T = TypeVar("T")


@dataclass(frozen=True)
class ServedApp:
    url: str
    loop: asyncio.AbstractEventLoop

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine in the server's loop (where its connection pool lives)."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()


@contextmanager
def serve_in_thread(app: App) -> Iterator[ServedApp]:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(
        target=loop.run_until_complete, args=(server.serve(sockets=[listener]),), daemon=True
    )
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not server.started:
        assert thread.is_alive(), "the test server stopped while starting"
        assert time.monotonic() < deadline, "the test server did not start in time"
        time.sleep(0.01)
    try:
        yield ServedApp(url=f"http://127.0.0.1:{port}", loop=loop)
    finally:
        server.should_exit = True
        thread.join(timeout=START_TIMEOUT_SECONDS)
        loop.close()
        listener.close()
