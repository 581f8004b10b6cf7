"""A local fake OMDb HTTP server: the catalogue in OMDb's JSON shapes, headers and statuses.

In tests:

    with FakeOmdbServer() as server:            # a free 127.0.0.1 port
        client = OmdbClient(PLACEHOLDER_API_KEY, base_url=server.url)
        server.set_fault("limit")               # or over HTTP: GET /__fault?mode=limit

As a process, for the browser suite (`OMDB_BASE_URL` pointing at it):

    python -m tests.fakes.omdb_server --port 8765 [--fault down] [--api-key KEY]

It prints its URL on the first line of stdout and serves until killed. `GET /__health`
answers 200; `GET /__fault?mode=MODE` switches the fault mode at run time; `GET /__stats`
gives the number of OMDb requests served; `server.wait_for_requests(n)` waits (without
sleeping) until n have arrived. With `server.retry_after = "120"` every error answer
carries that Retry-After header. Fault modes (see FAULT_MODES):

    none            normal answers
    slow            holds each answer `delay` seconds (longer than a test client's timeout)
    down            503 with an HTML page, every time
    500             500 with an HTML page
    502, 504        502 / 504 with an HTML page (Cloudflare's bad gateway, gateway timeout)
    429             429 with an HTML page (Cloudflare's rate limit)
    flaky           503 for the first request after the mode is set, then normal answers
    html            200 with an HTML page instead of JSON
    malformed       200 application/json that is cut off mid-object
    missing-fields  200 {"Response":"True"} with no Title, imdbID or Search
    invalid-key     401 {"Response":"False","Error":"Invalid API key!"}
    limit           401 {"Response":"False","Error":"Request limit reached!"}
    not-found       200 {"Response":"False","Error":"Movie not found!"}
    unknown-error   200 {"Response":"False","Error":"Something went wrong."}
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import threading
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from tests.fakes import omdb_catalogue

FAULT_MODES = (
    "none",
    "slow",
    "down",
    "500",
    "502",
    "504",
    "429",
    "flaky",
    "html",
    "malformed",
    "missing-fields",
    "invalid-key",
    "limit",
    "not-found",
    "unknown-error",
)
HTML_STATUSES = {
    "down": (503, "Service Unavailable"),
    "500": (500, "Internal Server Error"),
    "502": (502, "Bad Gateway"),
    "504": (504, "Gateway Timeout"),
    "429": (429, "Too Many Requests"),
}
HTML_ERROR = (
    "<!DOCTYPE html><html><head><title>{code} {reason}</title></head>"
    "<body><h1>{code} {reason}</h1><p>cloudflare</p></body></html>"
)


class _Server(ThreadingHTTPServer):
    # Five (the default backlog) drops some of a burst of concurrent clients' SYNs, which
    # the kernel then resends a second later.
    request_queue_size = 64
    daemon_threads = True


class FakeOmdbServer:
    def __init__(
        self,
        port: int = 0,
        fault: str = "none",
        api_key: str | None = None,
        delay: float = 5.0,
        host: str = "127.0.0.1",
    ) -> None:
        self.accepted_key = api_key
        self.delay = delay
        self.requests_served = 0
        self.retry_after: str | None = None
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._released = threading.Event()
        self._flaky_failed = False
        self.fault = "none"
        self.set_fault(fault)
        self._httpd = _Server((host, port), _handler_for(self))
        self._serving = False

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def set_fault(self, mode: str) -> None:
        if mode not in FAULT_MODES:
            raise ValueError(f"unknown fault mode {mode!r}; choose from {', '.join(FAULT_MODES)}")
        with self._lock:
            self.fault = mode
            self._flaky_failed = False

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> bool:
        """Whether `count` OMDb requests have arrived within `timeout` seconds."""
        with self._arrived:
            return self._arrived.wait_for(lambda: self.requests_served >= count, timeout)

    def start(self) -> FakeOmdbServer:
        self._serving = True
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self._released.set()  # let any "slow" answer finish at once
        if self._serving:
            self._httpd.shutdown()
            self._serving = False
        self._httpd.server_close()

    def __enter__(self) -> FakeOmdbServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def serve_forever(self) -> None:
        self._serving = True
        self._httpd.serve_forever()

    def respond(self, path: str, params: dict[str, str]) -> tuple[int, str, str]:
        """(status, content type, body) for one request."""
        if path == "/__health":
            return 200, "text/plain; charset=utf-8", "ok"
        if path == "/__fault":
            try:
                self.set_fault(params.get("mode", "none"))
            except ValueError as exc:
                return 400, "text/plain; charset=utf-8", str(exc)
            return 200, "application/json; charset=utf-8", json.dumps({"fault": self.fault})
        if path == "/__stats":
            body = {"requests": self.requests_served, "fault": self.fault}
            return 200, "application/json; charset=utf-8", json.dumps(body)
        with self._lock:
            self.requests_served += 1
            self._arrived.notify_all()
            fault = self.fault
            if fault == "flaky":
                fault = "none" if self._flaky_failed else "down"
                self._flaky_failed = True
        return self._answer(fault, params)

    def _answer(self, fault: str, params: dict[str, str]) -> tuple[int, str, str]:
        json_type = "application/json; charset=utf-8"
        if fault == "slow":
            self._released.wait(self.delay)
        if fault in HTML_STATUSES:
            code, reason = HTML_STATUSES[fault]
            return code, "text/html", HTML_ERROR.format(code=code, reason=reason)
        if fault == "html":
            return 200, "text/html", HTML_ERROR.format(code=200, reason="Just a moment...")
        if fault == "malformed":
            return 200, json_type, '{"Title":"Heat","Year":"1995","Rated'
        if fault == "missing-fields":
            return 200, json_type, '{"Response":"True"}'
        canned = omdb_catalogue.FAULT_ANSWERS.get(fault)
        status, body = canned or omdb_catalogue.answer(params, self.accepted_key)
        return status, json_type, json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def _handler_for(server: FakeOmdbServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = dict(parse_qsl(parts.query, keep_blank_values=True))
            status, content_type, body = server.respond(parts.path, params)
            payload = body.encode("utf-8")
            now = datetime.now(timezone.utc)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            # What OMDb sends through Cloudflare, 401s included: the client must not let
            # these headers make its errors cacheable.
            self.send_header("Cache-Control", "public, max-age=86400")
            self.send_header("Expires", format_datetime(now + timedelta(hours=1), usegmt=True))
            self.send_header("Last-Modified", format_datetime(now, usegmt=True))
            self.send_header("Vary", "*, Accept-Encoding")
            self.send_header("Access-Control-Allow-Origin", "*")
            if server.retry_after and status >= 400:
                self.send_header("Retry-After", server.retry_after)
            self.end_headers()
            # The client may have given up first (the "slow" fault): nothing left to say.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: a request line holds the apikey."""

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve a fake OMDb API on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--fault", default="none", choices=FAULT_MODES)
    parser.add_argument("--api-key", default=None, help="accept only this key")
    parser.add_argument("--delay", type=float, default=30.0, help="seconds 'slow' holds")
    args = parser.parse_args(argv)
    server = FakeOmdbServer(args.port, args.fault, args.api_key, args.delay)
    print(server.url, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
