"""Child processes the tests and the benchmark start: stopped politely, then for sure."""

from __future__ import annotations

import subprocess

STOP_TIMEOUT = 15


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM lets uvicorn finish its lifespan (pools closed); SIGKILL if it hangs."""
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
