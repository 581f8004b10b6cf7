"""How fast a webhook play is logged, and whether a burst of them leaves the pages working.

    python -m benchmarks.hooks_bench                  # 10,000 films, everything
    python -m benchmarks.hooks_bench --plays 100 --no-browser

Needs the `test` and `e2e` extras (httpx, Playwright; Chromium as for tests/e2e). Prints
Markdown; BENCHMARKS.md keeps the numbers with the machine they came from.

Method
- The library: benchmarks.bench's SQLite file of 10,000 films (20,000 watches), served by
  a real `streamlit run streamlit_app.py` (the pages and the routes in one process), with a
  Jellyfin connection made through the service.
- One at a time: `--plays` Jellyfin plays posted over HTTP (text/plain, as the plugin
  sends them), each waiting for its answer; half of films already in the library, found
  by title and year (no IMDb ID: the slower of the two ways), half of new films, added.
  The time is the whole round trip: a new TCP connection (as a media server opens one for
  each webhook), the token check, the transaction, the answer.
- A burst: 10 threads post 100 plays of distinct new films at once; the time until the
  last answer, the errors, and the watches the diary gained. Meanwhile a headless Chromium
  tab reloads the Diary again and again; each load counts when its heading is drawn and
  Streamlit's run has finished.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from benchmarks.bench import build_library, machine
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository

THREADS = 10
BURST = 100


def play(title: str, year: int, imdb_id: str = "") -> bytes:
    return json.dumps(
        {
            "NotificationType": "PlaybackStop",
            "PlayedToCompletion": True,
            "ItemType": "Movie",
            "Name": title,
            "Year": year,
            "Provider_imdb": imdb_id,
            "NotificationUsername": "anna",
            "UtcTimestamp": "2026-03-03T21:40:00.0000000Z",
        }
    ).encode()


def post(client: httpx.Client, url: str, body: bytes) -> tuple[float, int, str]:
    """One play on a connection of its own, as a media server sends a webhook. (Requests
    that reuse a kept-alive connection wait about 40 ms more on Streamlit 1.67's server,
    whatever the route: its answer leaves in two writes, and Nagle's algorithm holds the
    second until the client's delayed ACK. That is the transport, not the app.)"""
    started = time.perf_counter()
    answer = client.post(
        url, content=body, headers={"Content-Type": "text/plain", "Connection": "close"}
    )
    elapsed = (time.perf_counter() - started) * 1000
    result = answer.json().get("result", "") if answer.status_code == 200 else ""
    return elapsed, answer.status_code, result


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def one_at_a_time(url: str, films: list[tuple[str, int]], plays: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"library film": [], "new film": []}
    with httpx.Client(timeout=30) as client:
        post(client, url, play("Warm Up", 2000))  # the first request opens the service
        for n in range(plays):
            if n % 2 == 0:
                kind, (title, year) = "library film", films[n // 2]
            else:
                kind, title, year = "new film", f"Sequential New Film {n}", 2001
            elapsed, status, result = post(client, url, play(title, year))
            if status != 200 or result != "logged":
                raise RuntimeError(f"play {n} answered {status} {result!r}")
            times[kind].append(elapsed)
    return times


def burst(url: str, browse: object | None) -> dict[str, object]:
    """THREADS threads post BURST plays of new films at once; `browse(stop)` runs meanwhile."""
    bodies = [play(f"Burst Film {n}", 2010) for n in range(BURST)]
    errors: list[str] = []
    answers: list[tuple[float, int, str]] = []
    lock = threading.Lock()

    def send(chunk: list[bytes]) -> None:
        with httpx.Client(timeout=30) as client:
            for body in chunk:
                try:
                    answer = post(client, url, body)
                except httpx.HTTPError as error:
                    with lock:
                        errors.append(repr(error))
                    continue
                with lock:
                    answers.append(answer)
                    if answer[1] != 200 or answer[2] != "logged":
                        errors.append(f"{answer[1]} {answer[2]}")

    stop = threading.Event()
    loads: list[float] = []
    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(send, bodies[n::THREADS]) for n in range(THREADS)]
        if browse is not None:

            def stop_when_sent() -> None:
                try:
                    for future in futures:
                        future.exception()  # waits; a failure is raised below
                finally:
                    stop.set()

            watcher = threading.Thread(target=stop_when_sent)
            watcher.start()
            loads = browse(stop)  # type: ignore[operator]
            watcher.join()
        for future in futures:
            future.result()
    wall = time.perf_counter() - started
    return {"wall": wall, "errors": errors, "answers": answers, "loads": loads}


def browser_session(server_url: str):
    """A Chromium tab on the Diary, reloaded until told to stop: each load's time (ms)."""
    from playwright.sync_api import expect, sync_playwright

    from tests.e2e.conftest import chromium_path

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=chromium_path(), args=["--headless", "--no-sandbox", "--disable-gpu"]
    )
    page = browser.new_page()
    page.route("**/img.example.org/**", lambda route: route.abort())

    def load() -> float:
        started = time.perf_counter()
        page.goto(f"{server_url}/diary")
        expect(page.get_by_role("heading", name="Diary", level=1)).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)
        return (time.perf_counter() - started) * 1000

    load()  # warm: the first load fills the caches
    quiet = [load() for _ in range(3)]

    def browse(stop: threading.Event) -> list[float]:
        loads = []
        while not stop.is_set() or not loads:
            loads.append(load())
        loads.append(load())  # and once more after the burst: still working
        return loads

    def close() -> None:
        browser.close()
        playwright.stop()

    return browse, close, quiet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="films in the library")
    parser.add_argument("--plays", type=int, default=200, help="plays posted one at a time")
    parser.add_argument("--no-browser", action="store_true", help="no browser during the burst")
    args = parser.parse_args(argv)

    from tests.e2e.conftest import start_app_server, stop_app_server

    os.environ.pop("COVERAGE_FILE", None)  # measure the app, not coverage
    folder = Path(tempfile.mkdtemp(prefix="movie-hooks-bench-"))
    database_url = build_library(folder / "movies.db", args.size)
    repository = MovieRepository(database_url)
    service = MovieService(repository)
    secret = service.create_token("Benchmark Jellyfin", "jellyfin")
    films = [(m.title, m.year or 0) for m in service.list_movies(limit=args.plays)]
    watches_before = service.count_diary()
    server = start_app_server(folder, {"DATABASE_URL": database_url, "OMDB_API_KEY": ""})
    url = f"{server.url}/hooks/jellyfin/{secret}"
    try:
        print(f"Machine: {machine()}\n")
        print(f"Library: {args.size:,} films, {watches_before:,} watches (SQLite)\n")
        times = one_at_a_time(url, films, args.plays)
        print("| play (round trip over HTTP) | plays | median (ms) | p95 (ms) | max (ms) |")
        print("|---|---:|---:|---:|---:|")
        for kind, measured in times.items():
            print(
                f"| {kind} | {len(measured)} | {statistics.median(measured):.1f} | "
                f"{percentile(measured, 0.95):.1f} | {max(measured):.1f} |"
            )
        everything = [t for measured in times.values() for t in measured]
        print(f"\n- every play: p95 {percentile(everything, 0.95):.1f} ms (target: 50 ms)")

        browse, close, quiet = (None, None, []) if args.no_browser else browser_session(server.url)
        logged_before = service.count_diary()
        try:
            result = burst(url, browse)
        finally:
            if close is not None:
                close()
        gained = service.count_diary() - logged_before
        answers = result["answers"]
        slowest = max(a[0] for a in answers) if answers else 0.0  # type: ignore[union-attr]
        print(
            f"- burst: {THREADS} threads, {BURST} plays of new films in "
            f"{result['wall']:.2f} s (target: 10 s); {len(result['errors'])} errors; the diary "
            f"gained {gained} watches; slowest answer {slowest:.0f} ms"
        )
        loads = result["loads"]
        if loads:
            print(
                f"- browser meanwhile: {len(loads)} Diary loads, median "
                f"{statistics.median(loads):.0f} ms, max {max(loads):.0f} ms, every one drawn "
                f"(without the burst: median {statistics.median(quiet):.0f} ms)"
            )
        ok = not result["errors"] and gained == BURST and result["wall"] <= 10
        ok = ok and percentile(everything, 0.95) <= 50
        return 0 if ok else 1
    finally:
        stop_app_server(server)
        repository.dispose()


if __name__ == "__main__":
    sys.exit(main())
