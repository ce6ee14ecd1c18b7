"""Figures worth reading in CI's log (sizes, timings), written past pytest's output capture.

Under pytest-xdist a worker has no terminal: it appends its lines to a file in a folder the
controller hands it, and the controller prints them all in a `figures` section at the end.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

FOLDER = "figures_folder"
FIGURES = pytest.StashKey[list[str]]()
OWN_FOLDER = pytest.StashKey[Path]()


def report(config: pytest.Config, topic: str, line: str) -> None:
    text = f"[{topic}] {line}"
    worker = getattr(config, "workerinput", None)
    if worker is not None:
        path = Path(worker[FOLDER]) / f"{worker['workerid']}.txt"
        with path.open("a", encoding="utf-8") as figures:
            figures.write(text + "\n")
        return
    config.stash.setdefault(FIGURES, []).append(text)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        print(text)
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(text)


def hand_folder(config: pytest.Config, workerinput: dict[str, object]) -> None:
    """On the controller, as each worker starts: where that worker writes its figures."""
    if OWN_FOLDER not in config.stash:
        config.stash[OWN_FOLDER] = Path(tempfile.mkdtemp(prefix="pytest-figures-"))
    workerinput[FOLDER] = str(config.stash[OWN_FOLDER])


def summary(reporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Every figure of the run, the workers' included, in one section of the log."""
    figures = list(config.stash.get(FIGURES, []))
    if OWN_FOLDER in config.stash:
        for path in sorted(config.stash[OWN_FOLDER].glob("*.txt")):
            figures += path.read_text(encoding="utf-8").splitlines()
        shutil.rmtree(config.stash[OWN_FOLDER], ignore_errors=True)
    if figures:
        reporter.section("figures")
        for text in figures:
            reporter.write_line(text)
