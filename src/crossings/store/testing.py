"""A throwaway PostgreSQL cluster (initdb + pg_ctl) for the store tests and bench/ingest.py.

Runs the server binaries Debian installs under /usr/lib/postgresql/*/bin, as the `postgres` user when
we are root, on 127.0.0.1 and a free port, with durability off (the data is thrown away).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def find_bin_dir() -> Path | None:
    """The newest PostgreSQL server binaries installed, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name or 0))
    for candidate in [*reversed(found), os.path.dirname(shutil.which("initdb") or "")]:
        if candidate and all(Path(candidate, tool).exists() for tool in ("initdb", "pg_ctl")):
            return Path(candidate)
    return None


class TemporaryPostgres:
    """`with TemporaryPostgres() as pg: url = pg.create_database("test")`; stopped and removed on exit."""

    def __init__(self, bin_dir: Path | None = None):
        self.bin_dir = bin_dir or find_bin_dir()
        if self.bin_dir is None:
            raise FileNotFoundError("no PostgreSQL server binaries (initdb, pg_ctl) found")
        self.dir = Path(tempfile.mkdtemp(prefix="crossings-pg-"))
        self.port = _free_port()
        self.running = False

    def __enter__(self) -> TemporaryPostgres:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        _give_to_postgres(self.dir)
        data = self.dir / "data"
        self._run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C",
                  "--no-sync")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 {FAST}"
        self._run("pg_ctl", "-D", data, "-l", self.dir / "server.log", "-w", "-t", "60", "-o", options,
                  "start")
        self.running = True

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.running:
            self._run("pg_ctl", "-D", self.dir / "data", "-m", "immediate", "-w", "stop")
            self.running = False
        shutil.rmtree(self.dir, ignore_errors=True)

    def _run(self, tool: str, *args: object) -> None:
        command = [str(self.bin_dir / tool), *map(str, args)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, cwd=self.dir, capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")


def _give_to_postgres(path: Path) -> None:
    """initdb refuses to run as root: as root, the cluster belongs to the `postgres` user."""
    if os.geteuid() != 0:
        return
    import pwd

    user = pwd.getpwnam("postgres")
    os.chown(path, user.pw_uid, user.pw_gid)
    path.chmod(0o700)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
