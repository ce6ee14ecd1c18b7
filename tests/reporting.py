"""Figures worth reading in CI's log (sizes, timings), written past pytest's output capture."""

from __future__ import annotations

import pytest


def report(config: pytest.Config, topic: str, line: str) -> None:
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        print(f"[{topic}] {line}")
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(f"[{topic}] {line}")
