"""A throwaway PostgreSQL cluster: initdb and pg_ctl from the Debian packages."""

from __future__ import annotations

import glob
import shutil
import subprocess
from pathlib import Path

import pytest

from .clusters import DATABASE, PASSWORD, READY_TIMEOUT, USER, Cluster, run


class PostgresCluster(Cluster):
    """initdb and pg_ctl as the `postgres` user."""

    kind = "postgresql"

    def create(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))
        if not found:
            pytest.fail("no PostgreSQL binaries under /usr/lib/postgresql (see .ci/databases.sh)")
        self.bin = Path(found[-1])
        shutil.chown(self.root, "postgres")
        auth = ("--auth-local=trust", "--auth-host=scram-sha-256")
        self._tool("initdb", "-D", str(self.root / "data"), "-U", "postgres", *auth)
        self.start()
        role = f"CREATE ROLE {USER} LOGIN PASSWORD '{PASSWORD}'"
        database = f"CREATE DATABASE {DATABASE} OWNER {USER}"
        where = ("-h", str(self.root), "-p", str(self.port), "-U", "postgres")
        self._tool("psql", "-q", *where, "-v", "ON_ERROR_STOP=1", "-c", role, "-c", database)

    def _tool(self, name: str, *args: str) -> None:
        run(str(self.bin / name), *args, user="postgres")

    def _ctl(self, *args: str) -> None:
        data, log = str(self.root / "data"), str(self.root / "server.log")
        self._tool("pg_ctl", "-D", data, "-l", log, "-s", "-w", "-t", str(READY_TIMEOUT), *args)

    def start(self) -> None:
        self._ctl("-o", f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off", "start")

    def stop(self) -> None:
        self._ctl("-m", "fast", "stop")

    def discard(self) -> None:
        pg_ctl = [str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate"]
        if (self.root / "data" / "postmaster.pid").exists():
            subprocess.run(["runuser", "-u", "postgres", "--", *pg_ctl, "-s", "stop"], check=False)
