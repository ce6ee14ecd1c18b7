"""A throwaway MariaDB server: mariadb-install-db, then mariadbd in its own session."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

from ..processes import stop
from .clusters import DATABASE, PASSWORD, READY_TIMEOUT, USER, Cluster, run


class MariaDbCluster(Cluster):
    """mariadb-install-db, then mariadbd in its own session."""

    kind = "mysql"
    _server: subprocess.Popen[bytes] | None = None

    def create(self) -> None:
        if shutil.which("mariadbd") is None:
            pytest.fail("mariadbd is not installed (see .ci/databases.sh)")
        datadir = f"--datadir={self.root / 'data'}"
        root_by_socket = "--auth-root-authentication-method=socket"
        run("mariadb-install-db", "--no-defaults", datadir, "--user=root", root_by_socket)
        self.start()
        user = f"'{USER}'@'127.0.0.1'"
        sql = [
            f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4",
            f"CREATE USER {user} IDENTIFIED BY '{PASSWORD}'",
            f"GRANT ALL PRIVILEGES ON {DATABASE}.* TO {user}",
        ]
        run(*self._client("mariadb"), "-e", "; ".join(sql))

    def _client(self, tool: str) -> list[str]:
        return [tool, "--no-defaults", "-S", str(self.root / "mysqld.sock"), "-u", "root"]

    def start(self) -> None:
        root = self.root
        command = ["mariadbd", "--no-defaults", f"--datadir={root / 'data'}", "--user=root"]
        command += [f"--port={self.port}", "--bind-address=127.0.0.1", "--skip-log-bin"]
        command += [f"--socket={root / 'mysqld.sock'}", f"--pid-file={root / 'mysqld.pid'}"]
        command += ["--innodb-flush-log-at-trx-commit=0", "--character-set-server=utf8mb4"]
        with (root / "server.log").open("a") as log:
            self._server = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + READY_TIMEOUT
        ping = [*self._client("mariadb-admin"), "ping"]
        while subprocess.run(ping, capture_output=True, check=False).returncode != 0:
            if self._server.poll() is not None or time.monotonic() > deadline:
                log_tail = (root / "server.log").read_text(errors="replace")[-3000:]
                pytest.fail(f"mariadbd did not start on port {self.port}:\n{log_tail}")
            time.sleep(0.2)

    def stop(self) -> None:
        run(*self._client("mariadb-admin"), "shutdown")
        if self._server is not None:
            self._server.wait(timeout=READY_TIMEOUT)

    def discard(self) -> None:
        if self._server is not None and self._server.poll() is None:
            stop(self._server)
