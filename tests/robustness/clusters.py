"""Database servers a test owns: its own data directory and port, stopped and started at will.

The CI servers are shared by every test, so an outage is staged on a throwaway cluster
made from the same Debian binaries `.ci/databases.sh` installs. A cluster that cannot be
made fails the test (never skips it): the binaries are part of the CI machine.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ..processes import free_port

READY_TIMEOUT = 30
USER = PASSWORD = DATABASE = "app"


def run(*args: str, user: str | None = None) -> None:
    """A server tool, run as `user` (through runuser) when given; fails the test if it fails."""
    command = ["runuser", "-u", user, "--", *args] if user else list(args)
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        pytest.fail(f"`{' '.join(args)}` exited {done.returncode}:\n{done.stdout}{done.stderr}")


class Cluster:
    """One server on 127.0.0.1:`port` whose data lives in `root`; `app`/`app` owns `app`."""

    kind = ""

    def __init__(self, root: Path) -> None:
        self.root, self.port = root, free_port()
        self.url = f"{self.kind}://{USER}:{PASSWORD}@127.0.0.1:{self.port}/{DATABASE}"

    def create(self) -> None:
        """Initialise the data directory, start the server, add the user and its database."""
        raise NotImplementedError

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        """A clean, fast shutdown: sessions are ended and the port closes, as in a failover."""
        raise NotImplementedError

    def discard(self) -> None:
        """Stop whatever still runs, however it is; the data directory goes afterwards."""


@contextmanager
def throwaway_cluster(database: str) -> Iterator[Cluster]:
    """A new cluster of `database` (postgresql or mysql), removed with its data afterwards."""
    from .mariadb import MariaDbCluster  # the kinds build on this module
    from .postgres import PostgresCluster

    root = Path(tempfile.mkdtemp(prefix=f"outage-{database}-"))  # short: sockets live here
    kind: type[Cluster] = {"postgresql": PostgresCluster, "mysql": MariaDbCluster}[database]
    cluster = kind(root)
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.discard()
        shutil.rmtree(root, ignore_errors=True)
