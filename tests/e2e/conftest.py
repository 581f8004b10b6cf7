"""Browser tests: a real `streamlit run` per module, headless Chromium, a local fake OMDb.

Each test module gets its own server on a free loopback port, with a temporary library
(DATABASE_URL), a placeholder OMDb key, and OMDB_BASE_URL pointing at a fake OMDb server
running in a thread of the test process (tests switch its faults directly). The app server
is polled on /_stcore/health before the first page. When COVERAGE_FILE is set (tox), the
server runs under `coverage run` and is stopped with SIGINT so its data is written: the
coverage gate then counts what the browser drove.

Chromium: $CHROMIUM_PATH, else /usr/bin/chromium when it exists, else Playwright's own
browser (`playwright install chromium`). Every request that is not to 127.0.0.1 is aborted.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.fakes.omdb_catalogue import PLACEHOLDER_API_KEY
from tests.fakes.omdb_server import FakeOmdbServer

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
STARTUP_TIMEOUT = 60.0
NOT_LOOPBACK = re.compile(r"^(https?|wss?)://(?!127\.0\.0\.1[:/])")

expect.set_options(timeout=15_000)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def chromium_path() -> str | None:
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    return str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {
        **browser_type_launch_args,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
    if path := chromium_path():
        args["executable_path"] = path
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


@dataclass
class AppServer:
    url: str
    process: subprocess.Popen
    folder: Path
    database_url: str

    def log(self) -> str:
        return (self.folder / "streamlit.log").read_text(errors="replace")


def streamlit_command(port: int, options: Sequence[str] = ()) -> list[str]:
    run = [
        "streamlit", "run", "streamlit_app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        *options,
    ]  # fmt: skip
    if os.environ.get("COVERAGE_FILE"):
        return [sys.executable, "-m", "coverage", "run", "--parallel-mode", "-m", *run]
    return [sys.executable, "-m", *run]


def start_app_server(
    folder: Path,
    environment: dict[str, str],
    port: int | None = None,
    options: Sequence[str] = (),
) -> AppServer:
    """`port` when the module must know it first (a sign-in redirect URL names it);
    `options` are more `streamlit run` flags (e.g. `--secrets.files` for its own secrets)."""
    port = port or free_port()
    database_url = environment.get("DATABASE_URL") or f"sqlite:///{folder / 'movies.db'}"
    env = {**os.environ, "DATABASE_URL": database_url, "OMDB_CACHE": "off", **environment}
    log = (folder / "streamlit.log").open("w")
    process = subprocess.Popen(
        streamlit_command(port, options), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    server = AppServer(f"http://127.0.0.1:{port}", process, folder, database_url)
    wait_until_healthy(server)
    return server


def wait_until_healthy(server: AppServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{server.log()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # poll interval while the server starts, not a wait for the UI
    stop_app_server(server)
    raise RuntimeError(f"streamlit did not become healthy:\n{server.log()}")


def stop_app_server(server: AppServer) -> None:
    """SIGINT, as Ctrl+C would: Streamlit shuts down and coverage writes its data."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGINT)
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@pytest.fixture(scope="module")
def omdb_server():
    with FakeOmdbServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _omdb_answers_normally(request):
    """Each test starts with OMDb up, whatever the previous one switched on."""
    yield
    if "omdb_server" in request.fixturenames:
        request.getfixturevalue("omdb_server").set_fault("none")


@pytest.fixture(scope="module")
def app_environment(omdb_server) -> dict[str, str]:
    """What the module's server is started with; a module may override it."""
    return {"OMDB_API_KEY": PLACEHOLDER_API_KEY, "OMDB_BASE_URL": omdb_server.url}


@pytest.fixture(scope="module")
def app_server(tmp_path_factory, app_environment):
    server = start_app_server(tmp_path_factory.mktemp("app"), app_environment)
    yield server
    stop_app_server(server)


@pytest.fixture
def loopback_page(page: Page) -> Page:
    """A fresh browser tab (its own context) that can reach only loopback."""
    page.route(NOT_LOOPBACK, lambda route: route.abort())
    return page


@pytest.fixture
def app(loopback_page: Page, app_server: AppServer) -> Page:
    """The browser on the Library page, with only loopback reachable."""
    open_page(loopback_page, app_server, "")
    return loopback_page


# A server's first page loads Streamlit's frontend and runs the script cold (pandas,
# Altair, the upgrade check): on a loaded 2-core machine that has taken over 15 s.
FIRST_PAGE_TIMEOUT = 60_000


def open_page(page: Page, server: AppServer, path: str) -> None:
    page.goto(f"{server.url}/{path}")
    expect(page.get_by_test_id("stApp")).to_be_visible(timeout=FIRST_PAGE_TIMEOUT)
    wait_for_app(page)


def wait_for_app(page: Page) -> None:
    """Until the script run that the last interaction started has finished."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
    expect(page.locator("[data-testid='stApp'][data-test-script-state='running']")).to_have_count(0)
