"""The README's commands work as written: the quick start generates, starts and serves."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from .matrix import TEMPLATE_ROOT

README = (TEMPLATE_ROOT / "README.md").read_text()
BLOCKS = re.findall(r"```bash\n(.*?)```", README, flags=re.DOTALL)


def test_readme_test_command_is_the_ci_command() -> None:
    ci_script = (TEMPLATE_ROOT / ".ci" / "run").read_text()
    assert BLOCKS[1].strip() == "uv run pytest"
    assert "\nuv run pytest\n" in ci_script


@pytest.mark.slow
def test_quick_start_generates_and_serves(tmp_path: Path) -> None:
    """Run the first README block verbatim, with the template source pointed at this checkout."""
    command = BLOCKS[0].strip().replace("gh:org/backend-template", str(TEMPLATE_ROOT))
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env["UV_PYTHON_DOWNLOADS"] = "never"
    server = subprocess.Popen(
        command,
        shell=True,
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        body = _wait_ready("http://127.0.0.1:8000/health/ready", server, timeout=240)
        assert body == b'{"status":"ok","checks":{"database":"ok"}}'
        assert (tmp_path / "myproj" / "uv.lock").is_file(), "the uv lock task did not run"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0].decode(errors="replace")
    assert "Traceback" not in output, output[-3000:]


def _wait_ready(url: str, server: subprocess.Popen[bytes], timeout: float) -> bytes:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = server.stdout.read().decode(errors="replace") if server.stdout else ""
            pytest.fail(f"quick start exited with {server.returncode}:\n{output[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return bytes(response.read())
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer within {timeout} s")
