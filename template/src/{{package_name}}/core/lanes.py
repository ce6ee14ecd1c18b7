"""Low-priority threads for CPU-heavy work (argon2), shared by both flavours of concurrency.

Such work runs where the scheduler prefers anything else: on a busy core, a request that only
waits for the database or answers a health check is served first, and hashing takes what is
left (argon2 releases the GIL while it hashes, but not the core). Measured on one core with four
clients logging in back to back (health at 50/s): FastAPI's health p99 went from 10 ms at
niceness 10 to 5-9 ms at 19; Flask's, which hashed in its request threads, from 51 to 11 ms.
Logins kept their pace (3.7-3.9/s): an idle core is the hashing's again.
"""

from __future__ import annotations

import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

NICENESS = 19  # the lowest priority a thread can take without privileges


def low_priority_threads(name: str) -> ThreadPoolExecutor:
    """One thread per usable core: more would only queue on the cores."""
    return ThreadPoolExecutor(_usable_cores(), thread_name_prefix=name, initializer=_lower)


def _usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _lower() -> None:
    """Lower this thread's priority (Linux sets niceness per thread; elsewhere nothing)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
