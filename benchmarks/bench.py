"""How fast the pages rerun, how fast a movie is added and a watch logged, and how much
memory the server holds.

    python -m benchmarks.bench                 # 100 and 10,000 movies, everything
    python -m benchmarks.bench --sizes 100 1000 --runs 30 --no-memory
    python -m benchmarks.bench --others 10000  # the largest database also holds another
                                               # person's 10,000 movies
    python -m benchmarks.bench --dialog-only   # the Log a film dialog's reruns alone

Needs the `test` and `e2e` extras (AppTest, Playwright; Chromium as for tests/e2e).
Prints a Markdown table; BENCHMARKS.md keeps the numbers with the machine they came from.

Method
- Libraries are SQLite files filled in one transaction (movies plus their `movie.added`
  events, added over three years, half of them watched four times each, so twice as many
  watches as movies, 70% rated), then opened by the app's own MovieRepository and
  MovieService.
- The Log a film dialog: typing into Film, picking a film, picking stars, each one
  rerun (time_dialog).
- Page reruns: AppTest (streamlit.testing.v1) runs the real navigation with that service,
  with the view's query parameters (the Library's grid, an open movie); the first run is
  cold (fills st.cache_data), then each `at.run()` is one warm rerun of the whole page
  script, as a user's click causes. Median and 90th percentile.
- Adding and logging: `MovieService.add_movie` (each with a new title) and
  `MovieService.log_watch` (dated, rated, reviewed, tagged; each on another movie) into
  the 10,000-movie library: validation, the writes, the event, the commit. Median and max.
- Memory: a real `streamlit run` over the 10,000-movie library; headless Chromium opens
  every page (the Library as table, grid and an open movie, the Diary, Add movie,
  Statistics, Activity); then VmRSS of the server process from /proc/<pid>/status.
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

from movie_tracker.models import LOCAL_OWNER, RATING_CHOICES, Status, search_key
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository, genre_key, tables

OTHER_OWNER = "https://accounts.example.org|someone-else"
GENRES = [
    "Drama", "Crime, Drama", "Comedy", "Action, Sci-Fi", "Horror", "Animation, Comedy",
    "Action, Crime, Drama", "Romance, Drama", "Documentary", "Thriller, Mystery",
]  # fmt: skip


def build_library(path: Path, size: int, seed: int = 7, others: int = 0) -> str:
    """A SQLite library of `size` movies, as if added one by one over three years, and a
    diary of twice as many watches: every other movie watched four times (three of them
    rewatches), rated in half stars, with OMDb's runtime. With `others`, another person's
    library of that many movies (and watches) shares the database file."""
    url = f"sqlite:///{path}"
    repository = MovieRepository(url)
    if others:
        _fill(repository, others, seed, OTHER_OWNER, first_id=1)
    _fill(repository, size, seed, LOCAL_OWNER.key, first_id=others + 1)
    repository.dispose()
    return url


def _fill(repository: MovieRepository, size: int, seed: int, owner: str, first_id: int) -> None:
    rng = random.Random(seed)
    start = datetime(2021, 11, 25, tzinfo=timezone.utc)
    step = timedelta(days=3 * 365) / max(size, 1)
    movies, events, watches = [], [], []
    for n in range(size):
        movie_id = first_id + n
        added_at = start + step * n
        added = added_at.isoformat(timespec="seconds")
        status = Status.WATCHED if n % 2 == 0 else Status.WANT_TO_WATCH
        genre = rng.choice(GENRES)
        movie = {
            "id": movie_id,
            "owner": owner,
            "title": f"Benchmark Movie {n}",
            "year": rng.randint(1930, 2025),
            "director": f"Director {rng.randint(1, size // 5 + 1)}",
            "genre": genre,
            "status": status.value,
            "imdb_id": f"tt{5000000 + n:07d}",  # the same films in both libraries
            "poster_url": f"https://img.example.org/{n}.jpg",
            "date_added": added,
            "rating": rng.choice(RATING_CHOICES) if rng.random() < 0.7 else None,
            "runtime_minutes": rng.randint(80, 180),
            "genre_key": genre_key(genre),
        }
        movie["search_key"] = search_key(f"{movie['title']} {movie['director']} {genre}")
        movies.append(movie)
        events.append(
            {
                "ts": added,
                "owner": owner,
                "name": "movie.added",
                "movie_id": movie_id,
                "title": movie["title"],
                "status": status.value,
                "details": "{}",
            }
        )
        if status is Status.WATCHED:
            watches.extend(_watches_of(movie_id, owner, added_at, rng))
    with repository.engine.begin() as conn:
        if movies:
            conn.execute(insert(tables.movies), movies)
            conn.execute(insert(tables.event_rows), events)
            conn.execute(insert(tables.watches), watches)


def _watches_of(movie_id: int, owner: str, added_at: datetime, rng: random.Random) -> list[dict]:
    days = sorted(rng.sample(range(0, 600), 4))
    return [
        {
            "movie_id": movie_id,
            "owner": owner,
            "watched_on": (added_at + timedelta(days=day)).date().isoformat(),
            "rating": rng.choice(RATING_CHOICES),
            "review": "Seen again, and better.\nA second line." if number else "",
            "tags": "[]",
            "rewatch": number > 0,
            "logged_at": added_at.isoformat(timespec="seconds"),
        }
        for number, day in enumerate(days)
    ]


def page_script(service, page):  # AppTest runs its source as a script: no annotations
    from movie_tracker.ui import app

    app.navigation(service, default=page).run()


# (name, page, query parameters): what a person opens, as the benchmark reruns it.
VIEWS = (
    ("library", "library", {}),
    ("library grid", "library", {"view": "grid"}),
    ("diary", "diary", {}),
    ("statistics", "statistics", {}),
)


def time_reruns(
    service: MovieService,
    page: str,
    runs: int,
    params: dict[str, str] | None = None,
    *,
    cold: bool = False,
) -> list[float]:
    """Milliseconds per rerun of the page, after a first run that fills the caches; with
    `cold`, st.cache_data is emptied before every rerun, so each one reads the library."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_function(
        page_script, kwargs={"service": service, "page": page}, default_timeout=60
    )
    at.query_params.update(params or {})
    at.run()  # cold: fills the caches
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    times = []
    for _ in range(runs):
        if cold:
            st.cache_data.clear()
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
    return times


def time_dialog(service: MovieService, runs: int) -> dict[str, list[float]]:
    """Milliseconds per rerun of the Log a film dialog, opened over the Diary: typing into
    Film (three or four letters of a film's title, in turn), picking your first match,
    and picking stars; "Change film" goes back between rounds, untimed. AppTest reruns
    the whole page each time, where the browser reruns the dialog alone (a fragment),
    so these are upper bounds."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from movie_tracker.models import RATING_CHOICES

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_function(
        page_script, kwargs={"service": service, "page": "diary"}, default_timeout=60
    )
    at.run()
    at.sidebar.button(key="log_film").click().run()
    title = service.list_movies(limit=1)[0].title
    times: dict[str, list[float]] = {"typing": [], "picking": [], "rating": []}

    def timed(kind: str, widget) -> None:  # widget: the one changed, ready to run
        started = time.perf_counter()
        widget.run()
        times[kind].append((time.perf_counter() - started) * 1000)
        if at.exception:
            raise RuntimeError(at.exception[0].value)

    for n in range(runs):
        field = next(widget for widget in at.text_input if widget.label == "Film")
        timed("typing", field.input(title[: 3 + n % 2]))
        first = next(b for b in at.button if (b.key or "").startswith("log_pick_movie_"))
        timed("picking", first.click())
        stars = at.button_group(key=f"log_watch_{at.session_state['log_round']}_log_rating")
        timed("rating", stars.set_value(RATING_CHOICES[n % len(RATING_CHOICES)]))
        at.button(key="log_change_film").click().run()
    return times


def time_adds(service: MovieService, count: int) -> list[float]:
    times = []
    for n in range(count):
        started = time.perf_counter()
        service.add_movie(f"Added In The Benchmark {n}", "Watched")
        times.append((time.perf_counter() - started) * 1000)
    return times


def time_watches(service: MovieService, count: int) -> list[float]:
    """log_watch of a dated, rated, reviewed watch, each on another movie of the library."""
    movie_ids = [movie.id for movie in service.list_movies(limit=count) if movie.id]
    times = []
    for movie_id in movie_ids:
        started = time.perf_counter()
        service.log_watch(movie_id, "2026-03-03", 3.5, "Better the second time.", ("cinema",))
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
            visits = [
                ("", "Library"),
                ("library?view=grid", "Library"),
                ("library?movie=1", "Library"),
                ("diary", "Diary"),
                ("add-movie", "Add movie"),
                ("statistics", "Statistics"),
                ("activity", "Activity"),
            ]
            for path, heading in visits:
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
    parser.add_argument(
        "--others",
        type=int,
        default=0,
        help="movies of another person's library in the largest database (private libraries)",
    )
    parser.add_argument(
        "--dialog-only", action="store_true", help="time the Log a film dialog's reruns alone"
    )
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="movie-bench-"))
    print(f"Machine: {machine()}\n")
    print("| view | movies | watches | warm rerun median (ms) | p90 (ms) | max (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    medians: dict[tuple[str, int], float] = {}
    urls = {}
    for size in args.sizes:
        others = args.others if size == max(args.sizes) else 0
        urls[size] = build_library(folder / f"movies-{size}.db", size, others=others)
        service = MovieService(MovieRepository(urls[size]))
        watches = service.count_diary()
        movie = {"movie": str(service.list_movies(limit=1)[0].id)}
        views = () if args.dialog_only else (*VIEWS, ("open movie", "library", movie))
        for name, page, params in views:
            median, p90, worst = summary(time_reruns(service, page, args.runs, params))
            medians[(name, size)] = median
            print(
                f"| {name} | {size:,} | {watches:,} | {median:.1f} | {p90:.1f} | {worst:.1f} |",
                flush=True,
            )
        for kind, times in time_dialog(service, args.runs).items():
            median, p90, worst = summary(times)
            print(
                f"| log dialog: {kind} | {size:,} | {watches:,} | {median:.1f} | {p90:.1f} "
                f"| {worst:.1f} |",
                flush=True,
            )
        service.repository.dispose()

    small, large = min(args.sizes), max(args.sizes)
    if args.dialog_only:
        return 0
    print()
    for name, _page, _params in VIEWS:
        ratio = medians[(name, large)] / medians[(name, small)]
        print(f"- {name}: {large:,} movies rerun in {ratio:.2f}x the time of {small:,}")

    service = MovieService(MovieRepository(urls[large]))
    median, _, worst = summary(time_adds(service, args.adds))
    print(f"- add_movie into {large:,} movies: median {median:.2f} ms, max {worst:.2f} ms "
          f"({args.adds} adds)")  # fmt: skip
    median, _, worst = summary(time_watches(service, args.adds))
    print(f"- log_watch into {large:,} movies: median {median:.2f} ms, max {worst:.2f} ms "
          f"({args.adds} watches)")  # fmt: skip
    service.repository.dispose()

    if not args.no_memory:
        fresh = build_library(folder / "memory.db", large)
        rss = server_memory_mb(fresh, folder)
        print(f"- server VmRSS with {large:,} movies after opening every page: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
