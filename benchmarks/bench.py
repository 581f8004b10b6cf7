"""How fast the pages rerun, how fast a movie is added, and how much memory the server holds.

    python -m benchmarks.bench                 # 100 and 10,000 movies, everything
    python -m benchmarks.bench --sizes 100 1000 --runs 30 --no-memory

Needs the `test` and `e2e` extras (AppTest, Playwright; Chromium as for tests/e2e).
Prints a Markdown table; BENCHMARKS.md keeps the numbers with the machine they came from.

Method
- Libraries are SQLite files filled in one transaction (movies plus their `movie.added`
  events, added over three years, a third of them watched), then opened by the app's own
  MovieRepository and MovieService.
- Page reruns: AppTest (streamlit.testing.v1) runs the real navigation with that service;
  the first run is cold (fills st.cache_data), then each `at.run()` is one warm rerun of
  the whole page script, as a user's click causes. Median and 90th percentile.
- Adding: `MovieService.add_movie` into the 10,000-movie library (validation, the insert,
  its event, the commit), each with a new title. Median and maximum.
- Memory: a real `streamlit run` over the 10,000-movie library; headless Chromium opens
  every page; then VmRSS of the server process from /proc/<pid>/status.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from movie_tracker import db
from movie_tracker.models import RATING_CHOICES, Status, search_key
from movie_tracker.service import MovieService

GENRES = [
    "Drama", "Crime, Drama", "Comedy", "Action, Sci-Fi", "Horror", "Animation, Comedy",
    "Action, Crime, Drama", "Romance, Drama", "Documentary", "Thriller, Mystery",
]  # fmt: skip


def build_library(path: Path, size: int, seed: int = 7) -> str:
    """A SQLite library of `size` movies, as if added one by one over three years, and a
    diary of twice as many watches: every other movie watched four times (the first two
    of them rewatched on later days), rated in half stars, with OMDb's runtime."""
    url = f"sqlite:///{path}"
    repository = db.MovieRepository(url)
    rng = random.Random(seed)
    start = datetime(2021, 11, 25, tzinfo=timezone.utc)
    step = timedelta(days=3 * 365) / max(size, 1)
    movies, events, watches = [], [], []
    for n in range(size):
        added_at = start + step * n
        added = added_at.isoformat(timespec="seconds")
        status = Status.WATCHED if n % 2 == 0 else Status.WANT_TO_WATCH
        genre = rng.choice(GENRES)
        movie = {
            "id": n + 1,
            "title": f"Benchmark Movie {n}",
            "year": rng.randint(1930, 2025),
            "director": f"Director {rng.randint(1, size // 5 + 1)}",
            "genre": genre,
            "status": status.value,
            "imdb_id": f"tt{5000000 + n:07d}",
            "poster_url": f"https://img.example.org/{n}.jpg",
            "date_added": added,
            "rating": rng.choice(RATING_CHOICES) if rng.random() < 0.7 else None,
            "runtime_minutes": rng.randint(80, 180),
            "genre_key": db.genre_key(genre),
        }
        movie["search_key"] = search_key(f"{movie['title']} {movie['director']} {genre}")
        movies.append(movie)
        events.append(
            {
                "ts": added,
                "name": "movie.added",
                "movie_id": n + 1,
                "title": movie["title"],
                "status": status.value,
                "details": "{}",
            }
        )
        if status is Status.WATCHED:
            watches.extend(_watches_of(n + 1, added_at, rng))
    with repository.engine.begin() as conn:
        if movies:
            conn.execute(insert(db.movies), movies)
            conn.execute(insert(db.event_rows), events)
            conn.execute(insert(db.watches), watches)
    repository.dispose()
    return url


def _watches_of(movie_id: int, added_at: datetime, rng: random.Random) -> list[dict]:
    days = sorted(rng.sample(range(0, 600), 4))
    return [
        {
            "movie_id": movie_id,
            "watched_on": (added_at + timedelta(days=day)).date().isoformat(),
            "rating": rng.choice(RATING_CHOICES),
            "review": "Seen again, and better.\nA second line." if number else "",
            "tags": "[]",
            "rewatch": number > 0,
            "logged_at": added_at.isoformat(timespec="seconds"),
        }
        for number, day in enumerate(days)
    ]


def _script(service, page):
    from movie_tracker.ui import app

    app.navigation(service, default=page).run()


def time_reruns(service: MovieService, page: str, runs: int) -> list[float]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_function(
        _script, kwargs={"service": service, "page": page}, default_timeout=60
    )
    at.run()  # cold: fills the caches
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
    return times


def time_adds(service: MovieService, count: int) -> list[float]:
    times = []
    for n in range(count):
        started = time.perf_counter()
        service.add_movie(f"Added In The Benchmark {n}", "Watched")
        times.append((time.perf_counter() - started) * 1000)
    return times


def server_memory_mb(database_url: str, folder: Path) -> float:
    """VmRSS of a real streamlit server after Chromium has opened every page."""
    from playwright.sync_api import expect, sync_playwright

    from tests.e2e.conftest import chromium_path, start_app_server, stop_app_server

    os.environ.pop("COVERAGE_FILE", None)  # measure the app, not coverage
    server = start_app_server(folder, {"DATABASE_URL": database_url, "OMDB_API_KEY": ""})
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(),
                args=["--headless", "--no-sandbox", "--disable-gpu"],
            )
            page = browser.new_page()
            page.route("**/img.example.org/**", lambda route: route.abort())
            visits = [("", "Library"), ("add-movie", "Add movie"), ("statistics", "Statistics")]
            for path, heading in [*visits, ("activity", "Activity")]:
                page.goto(f"{server.url}/{path}")
                expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=60_000)
                expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
            browser.close()
        status = Path(f"/proc/{server.process.pid}/status").read_text()
        rss_kb = next(
            int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")
        )
        return rss_kb / 1024
    finally:
        stop_app_server(server)


def summary(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return statistics.median(ordered), p90, ordered[-1]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--runs", type=int, default=20, help="warm reruns per page")
    parser.add_argument("--adds", type=int, default=50, help="movies added to the largest")
    parser.add_argument("--no-memory", action="store_true", help="skip the server memory run")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="movie-bench-"))
    print(f"Machine: {machine()}\n")
    print("| page | movies | warm rerun median (ms) | p90 (ms) | max (ms) |")
    print("|---|---:|---:|---:|---:|")
    medians: dict[tuple[str, int], float] = {}
    urls = {}
    for size in args.sizes:
        urls[size] = build_library(folder / f"movies-{size}.db", size)
        service = MovieService(db.MovieRepository(urls[size]))
        for page in ("library", "statistics"):
            median, p90, worst = summary(time_reruns(service, page, args.runs))
            medians[(page, size)] = median
            print(f"| {page} | {size:,} | {median:.1f} | {p90:.1f} | {worst:.1f} |", flush=True)
        service.repository.dispose()

    small, large = min(args.sizes), max(args.sizes)
    print()
    for page in ("library", "statistics"):
        ratio = medians[(page, large)] / medians[(page, small)]
        print(f"- {page}: {large:,} movies rerun in {ratio:.2f}x the time of {small:,}")

    service = MovieService(db.MovieRepository(urls[large]))
    median, _, worst = summary(time_adds(service, args.adds))
    print(f"- add_movie into {large:,} movies: median {median:.2f} ms, max {worst:.2f} ms "
          f"({args.adds} adds)")  # fmt: skip
    service.repository.dispose()

    if not args.no_memory:
        fresh = build_library(folder / "memory.db", large)
        rss = server_memory_mb(fresh, folder)
        print(f"- server VmRSS with {large:,} movies after opening every page: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
