"""PostgreSQL for the test suite: a fresh, empty database per test on a real server.

The suite runs on PostgreSQL when TEST_BACKEND=postgres (the `postgres` tox env); otherwise
every test uses SQLite and nothing here starts. The server is

- TEST_POSTGRES_URL when it is set: a SQLAlchemy URL whose user may create databases, e.g.
  postgresql+psycopg://movies@127.0.0.1:55432/postgres (CI's service container, .ci/run);
- otherwise a throwaway cluster that tests/conftest.py's `postgres_server` starts once per session
  (initdb and pg_ctl in a temporary folder, on a free loopback port, as the `postgres` user
  when the suite runs as root) and stops at the end of the session, failed or not.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

BACKEND = os.environ.get("TEST_BACKEND", "sqlite")
USER = "movies"
# A throwaway cluster need not survive a crash: skip the disk flushes that make it slow.
FAST_SETTINGS = ("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off")
NOT_FOUND = (
    "TEST_BACKEND=postgres needs a PostgreSQL server, and none was found: install PostgreSQL "
    "(Debian/Ubuntu: `apt-get install postgresql`) so that the suite can start a throwaway "
    "one, or set TEST_POSTGRES_URL to a server whose user may create databases, e.g. "
    "postgresql+psycopg://movies@127.0.0.1:5432/postgres."
)


class ClusterError(RuntimeError):
    """The throwaway cluster could not be set up; the message says why."""


def find_bindir() -> Path | None:
    """The folder with initdb and pg_ctl: `pg_config --bindir`, else the newest
    /usr/lib/postgresql/<version>/bin (Debian keeps them off PATH), else PATH."""
    candidates: list[Path] = []
    if pg_config := shutil.which("pg_config"):
        found = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if found:
            candidates.append(Path(found))
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted((Path(p) for p in versions), key=_major_version, reverse=True)
    if initdb := shutil.which("initdb"):
        candidates.append(Path(initdb).parent)
    return next(
        (d for d in candidates if (d / "initdb").exists() and (d / "pg_ctl").exists()), None
    )


def _major_version(bindir: Path) -> int:
    version = bindir.parent.name
    return int(version) if version.isdigit() else 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary folder on a free 127.0.0.1 port, trusted for
    USER, gone with its folder after stop()."""

    def __init__(self, bindir: Path, settings: tuple[str, ...] = FAST_SETTINGS) -> None:
        self.bindir = bindir
        self.settings = settings
        self.as_postgres: list[str] = []
        parent = None
        if os.geteuid() == 0:  # initdb refuses root: the cluster belongs to `postgres`
            if shutil.which("runuser") is None:
                raise ClusterError("Running as root needs `runuser` to start PostgreSQL.")
            self.as_postgres = ["runuser", "-u", "postgres", "--"]
            parent = "/tmp"  # a folder the postgres user can reach, whatever TMPDIR says
        self.folder = Path(tempfile.mkdtemp(prefix="movies-pg-", dir=parent))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = free_port()
        self.started = False
        if self.as_postgres:
            try:
                shutil.chown(self.folder, "postgres", "postgres")
            except (LookupError, PermissionError) as error:
                self.remove()
                raise ClusterError(
                    f"Cannot hand {self.folder} to the postgres user: {error}"
                ) from None

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        self._run(
            "initdb",
            ["-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale"],
            ["--no-sync"],
        )
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
        self._run(
            "pg_ctl",
            [
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-w",
                "-o",
                options + " ".join(self.settings),
            ],
            ["start"],
        )
        self.started = True

    def stop(self) -> None:
        try:
            if self.started:
                self._run("pg_ctl", ["-D", str(self.data), "-m", "fast", "-w"], ["stop"])
        finally:
            self.remove()

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, args: list[str], tail: list[str]) -> None:
        command = [*self.as_postgres, str(self.bindir / program), *args, *tail]
        done = subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise ClusterError(
                f"`{' '.join(command)}` failed ({done.returncode}):\n"
                f"{done.stdout}{done.stderr}{log}"
            )


@contextmanager
def throwaway_cluster(settings: tuple[str, ...] = FAST_SETTINGS) -> Iterator[str]:
    """Start a cluster, yield its URL, stop it and remove its folder however the block ends.
    `settings` are the server's `-c` options (the tests' default skips disk flushes)."""
    bindir = find_bindir()
    if bindir is None:
        raise ClusterError(NOT_FOUND)
    cluster = ThrowawayCluster(bindir, settings)
    try:
        cluster.start()
        yield cluster.url
    finally:
        cluster.stop()


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """Create an empty database on the server, yield its URL, drop it afterwards."""
    url = make_url(server)
    name = f"movies_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()
