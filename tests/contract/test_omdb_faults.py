"""Every way OMDb fails, through the real client over HTTP and through the fake.

The real client meets each fault of the local fake OMDb server; `FakeOmdbClient` in the
same fault mode must raise the same typed error, so service and UI tests written against
the fake see what production would. No message may contain the key.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest

from movie_tracker import events
from movie_tracker.omdb import OmdbClient, OmdbError, OmdbUnavailable, RequestLimitReached
from tests.fakes.omdb import FAULT_ERRORS, FakeOmdbClient
from tests.fakes.omdb_catalogue import PLACEHOLDER_API_KEY
from tests.fakes.omdb_server import FAULT_MODES, FakeOmdbServer, main

SECRET = "fault-secret-9f8e7d6c5b4a"


def real_client(url: str, retries: int = 2, timeout: float = 2.0) -> tuple[OmdbClient, list]:
    sleeps: list[float] = []
    client = OmdbClient(SECRET, base_url=url, timeout=timeout, retries=retries, sleep=sleeps.append)
    return client, sleeps


def default_client(url: str) -> tuple[OmdbClient, list]:
    """The retries and backoff the app runs with; only the timeout is short."""
    sleeps: list[float] = []
    return OmdbClient(SECRET, base_url=url, timeout=0.5, sleep=sleeps.append), sleeps


def failures(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "event", None) == events.OMDB_FAILURE]


def assert_no_key(error: OmdbError) -> None:
    for text in (str(error), error.user_message, error.detail, repr(error), error.omdb_error or ""):
        assert SECRET not in text


def test_the_fake_knows_every_server_fault_mode() -> None:
    assert set(FAULT_ERRORS) == set(FAULT_MODES)


@pytest.mark.parametrize("mode", [m for m in FAULT_MODES if FAULT_ERRORS[m] is not None])
def test_each_fault_gives_its_typed_error_from_client_and_fake(
    mode: str, omdb_server: FakeOmdbServer
) -> None:
    expected = FAULT_ERRORS[mode]
    omdb_server.set_fault(mode)
    omdb_server.delay = 1.0
    client, _ = real_client(omdb_server.url, retries=0, timeout=0.2)
    fake = FakeOmdbClient()
    fake.fail_with_mode(mode)

    with pytest.raises(OmdbError) as real:
        client.get_by_id("tt0113277")
    with pytest.raises(OmdbError) as faked:
        fake.get_by_id("tt0113277")

    assert type(real.value) is expected
    assert type(faked.value) is expected
    assert real.value.omdb_error == faked.value.omdb_error
    assert_no_key(real.value)


def test_a_503_then_success_is_retried_once(
    omdb_server: FakeOmdbServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="movie_tracker")
    omdb_server.set_fault("flaky")
    client, sleeps = real_client(omdb_server.url)

    assert client.get_by_id("tt0113277").title == "Heat"
    assert omdb_server.requests_served == 2
    assert sleeps == [0.5]
    (success,) = [r for r in caplog.records if getattr(r, "event", None) == events.OMDB_SUCCESS]
    assert success.event_fields["attempts"] == 2


@pytest.mark.parametrize("mode", ["502", "down", "504"])
def test_a_gateway_error_is_retried_once_then_reported(
    mode: str, omdb_server: FakeOmdbServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="movie_tracker")
    omdb_server.set_fault(mode)
    client, sleeps = default_client(omdb_server.url)

    with pytest.raises(OmdbUnavailable, match="not answering") as raised:
        client.get_by_id("tt0113277")

    assert omdb_server.requests_served == 2
    assert sleeps == [0.5]
    assert raised.value.detail.startswith("HTTP 5")
    (failure,) = failures(caplog)
    assert failure.event_fields["attempts"] == 2


@pytest.mark.parametrize("mode", ["flaky", "down", "slow"])
def test_every_request_sent_is_reported_retries_and_failures_included(
    mode: str, omdb_server: FakeOmdbServer
) -> None:
    """OMDb counts every request that reaches it toward the key's day, whatever came back;
    a timeout may have reached it too, so it is counted."""
    omdb_server.set_fault(mode)
    omdb_server.delay = 1.0
    sent: list[int] = []
    client = OmdbClient(
        SECRET, base_url=omdb_server.url, timeout=0.2, sleep=lambda _: None, on_request=sent.append
    )

    with contextlib.suppress(OmdbUnavailable):
        client.get_by_id("tt0113277")

    assert sent == [2]  # the request and its one retry
    assert omdb_server.wait_for_requests(2)


def test_retries_can_be_turned_off(omdb_server: FakeOmdbServer) -> None:
    omdb_server.set_fault("down")
    client, sleeps = real_client(omdb_server.url, retries=0)

    with pytest.raises(OmdbUnavailable):
        client.get_by_id("tt0113277")
    assert (omdb_server.requests_served, sleeps) == (1, [])


def test_retry_after_is_not_waited_for_and_retries_no_429(omdb_server: FakeOmdbServer) -> None:
    omdb_server.retry_after = "120"
    client, sleeps = default_client(omdb_server.url)

    omdb_server.set_fault("down")
    with pytest.raises(OmdbUnavailable):
        client.get_by_id("tt0113277")
    assert (omdb_server.requests_served, sleeps) == (2, [0.5])

    omdb_server.set_fault("429")
    with pytest.raises(OmdbUnavailable):
        client.get_by_id("tt0113277")
    assert (omdb_server.requests_served, sleeps) == (3, [0.5])


def test_an_outage_is_retried_then_reported(omdb_server: FakeOmdbServer) -> None:
    omdb_server.set_fault("down")
    client, sleeps = real_client(omdb_server.url)

    with pytest.raises(OmdbUnavailable, match="not answering"):
        client.search("heat")
    assert omdb_server.requests_served == 3
    assert sleeps == [0.5, 1.0]


def test_a_500_is_not_retried(omdb_server: FakeOmdbServer) -> None:
    omdb_server.set_fault("500")
    client, sleeps = real_client(omdb_server.url)

    with pytest.raises(OmdbUnavailable):
        client.search("heat")
    assert (omdb_server.requests_served, sleeps) == (1, [])


@pytest.mark.parametrize("mode", ["invalid-key", "limit"])
def test_401s_are_never_retried(mode: str, omdb_server: FakeOmdbServer) -> None:
    omdb_server.set_fault(mode)
    client, sleeps = real_client(omdb_server.url)

    with pytest.raises(OmdbError):
        client.get_by_id("tt0113277")
    assert (omdb_server.requests_served, sleeps) == (1, [])


def test_a_slow_omdb_times_out_and_the_key_stays_out_of_the_message(
    omdb_server: FakeOmdbServer,
) -> None:
    omdb_server.set_fault("slow")
    client, sleeps = real_client(omdb_server.url, retries=1, timeout=0.1)

    with pytest.raises(OmdbUnavailable) as raised:
        client.get_by_id("tt0113277")

    assert "Timeout" in raised.value.detail
    assert sleeps == [0.5]
    assert omdb_server.wait_for_requests(2)
    assert omdb_server.requests_served == 2
    assert_no_key(raised.value)


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_is_unavailable_without_the_key(
    closed_port: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="movie_tracker")
    client, sleeps = real_client(f"http://127.0.0.1:{closed_port}/")

    with pytest.raises(OmdbUnavailable) as raised:
        client.search_and_get_movie_details("Heat")

    assert "ConnectionError" in raised.value.detail
    assert "api" + "key=REDACTED" in raised.value.detail
    assert sleeps == [0.5, 1.0]
    assert failures(caplog)[0].event_fields["attempts"] == 3
    assert_no_key(raised.value)


def test_urllib3s_retry_logs_lose_the_key(
    closed_port: int, omdb_server: FakeOmdbServer, caplog: pytest.LogCaptureFixture
) -> None:
    """urllib3 warns "Retrying ... after connection broken" with the URL, key included."""
    caplog.set_level(logging.DEBUG)
    omdb_server.set_fault("down")

    for url in (f"http://127.0.0.1:{closed_port}/", omdb_server.url):
        client, _ = default_client(url)
        with pytest.raises(OmdbUnavailable):
            client.get_by_id("tt0113277")

    http_logs = [r for r in caplog.records if r.name.startswith("urllib3")]
    assert any("Retrying" in r.getMessage() for r in http_logs)
    assert any("api" + "key=REDACTED" in r.getMessage() for r in http_logs)
    assert SECRET not in caplog.text


def test_missing_key_is_rejected_like_omdb(omdb_server: FakeOmdbServer) -> None:
    client = OmdbClient("", base_url=omdb_server.url, retries=0)

    with pytest.raises(OmdbError) as raised:
        client.get_by_id("tt0113277")
    assert raised.value.omdb_error == "No API key provided."


def test_a_server_with_one_accepted_key_rejects_others() -> None:
    with FakeOmdbServer(api_key="the-one-key") as server:
        good = OmdbClient("the-one-key", base_url=server.url, retries=0)
        other = OmdbClient(PLACEHOLDER_API_KEY, base_url=server.url, retries=0)

        assert good.get_by_id("tt0133093").title == "The Matrix"
        with pytest.raises(OmdbError, match="API key"):
            other.get_by_id("tt0133093")


def get_json(url: str) -> dict:
    with urlopen(url, timeout=5) as answer:
        return json.loads(answer.read())


def test_the_fault_mode_switches_over_http(omdb_server: FakeOmdbServer) -> None:
    client, _ = real_client(omdb_server.url, retries=0)

    assert get_json(omdb_server.url + "__fault?mode=limit") == {"fault": "limit"}
    with pytest.raises(RequestLimitReached):
        client.get_by_id("tt0113277")
    assert get_json(omdb_server.url + "__fault?mode=none") == {"fault": "none"}
    assert client.get_by_id("tt0113277").title == "Heat"
    assert get_json(omdb_server.url + "__stats") == {"requests": 2, "fault": "none"}


def test_an_unknown_fault_mode_is_refused(omdb_server: FakeOmdbServer) -> None:
    with pytest.raises(ValueError, match="unknown fault mode"):
        omdb_server.set_fault("meteor")
    status, _, body = omdb_server.respond("/__fault", {"mode": "meteor"})
    assert status == 400
    assert "unknown fault mode" in body
    assert omdb_server.respond("/__health", {})[0] == 200


@pytest.fixture
def server_process() -> Iterator[tuple[subprocess.Popen, str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.omdb_server", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    try:
        url = process.stdout.readline().strip()  # printed once the port is bound
        yield process, url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_server_runs_as_a_process_for_the_browser_suite(
    server_process: tuple[subprocess.Popen, str],
) -> None:
    _, url = server_process

    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
    client, _ = real_client(url, retries=0)
    assert client.get_by_title("Up").year == 2009
    assert get_json(url + "__fault?mode=down") == {"fault": "down"}
    with pytest.raises(OmdbUnavailable):
        client.get_by_title("Up")


def test_main_serves_until_interrupted(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    def interrupted(self: FakeOmdbServer) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(FakeOmdbServer, "serve_forever", interrupted)
    started = time.perf_counter()

    assert main(["--port", "0", "--fault", "limit"]) == 0
    assert capsys.readouterr().out.startswith("http://127.0.0.1:")
    assert time.perf_counter() - started < 5
