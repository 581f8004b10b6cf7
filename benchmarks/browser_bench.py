"""How long a full page load takes in a real browser: an empty library against one that
holds the largest real Letterboxd export.

    python -m benchmarks.browser_bench                     # Library, Diary, Statistics
    python -m benchmarks.browser_bench --loads 15 --pages library
    python -m benchmarks.browser_bench --export path/to/letterboxd-folder

Needs the `test` and `e2e` extras (Playwright; Chromium as for tests/e2e) and, for the full
library, ../shared/real-exports beside the checkout (or --export). Prints Markdown;
BENCHMARKS.md keeps the numbers with the machine they came from.

Method
- Two SQLite libraries, each served by its own real `streamlit run streamlit_app.py`
  (pages and routes, one process, no coverage): one empty, one after importing the export
  through the service, as the Import page does (preview, then the import in one
  transaction).
- Headless Chromium opens each page in a new tab of one browser (its HTTP cache warm, as
  a person's browser is after the first visit) and the time runs from the navigation to
  the page's content drawn (its heading and its main element: the Library's table or
  empty-library message, the Diary's first entry or its empty message, the Statistics'
  metrics) and Streamlit's status widget gone with the script run finished. The two
  libraries take turns, load by load, so a burst of other work on a shared machine falls
  on both. The first load of each page is left out (it fills the server's caches, as the
  first visitor after a change does); the median and the slowest of the rest are
  reported, with the median CPU time of the tab's main thread (Chrome DevTools'
  Performance.getMetrics ThreadTime), which other jobs on the machine slow far less than
  they slow the wall clock, and the median time to the heading alone (Streamlit's app
  loaded and the script's first elements drawn): the rest of the load is the page's own
  content.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench import machine
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository

ROOT = Path(__file__).resolve().parents[1]
LARGEST = Path("letterboxd") / "patrickmjones__letterboxd-data"
# What each page shows once it is drawn, in a full library and in an empty one.
PAGES: dict[str, tuple[str, str, str]] = {
    "library": (
        "Library",
        "[data-testid=stDataFrame] canvas",
        "text=Your library is empty.",
    ),
    "diary": ("Diary", "text=/^Showing 1–50 of/", "text=Your diary is empty."),
    "statistics": (
        "Statistics",
        "[data-testid=stVegaLiteChart] >> nth=-1 >> canvas, svg",
        "text=No statistics yet",
    ),
}


def real_exports() -> Path | None:
    for folder in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (folder / "real-exports").is_dir():
            return folder / "real-exports"
    return None


def build_libraries(folder: Path, export: Path) -> dict[str, str]:
    """An empty library and one holding `export` imported, as SQLite files."""
    empty = f"sqlite:///{folder / 'empty.db'}"
    MovieRepository(empty).dispose()
    full = f"sqlite:///{folder / 'imported.db'}"
    service = MovieService(MovieRepository(full))
    files = [(p.name.replace("__", "/"), p.read_bytes()) for p in sorted(export.glob("*.csv"))]
    started = time.perf_counter()
    service.run_import(service.preview_import_files(files))
    print(
        f"Imported {export.name}: {service.count_movies():,} films, "
        f"{service.count_diary():,} watches in {time.perf_counter() - started:.1f} s\n",
        flush=True,
    )
    service.repository.dispose()
    return {"empty": empty, "imported": full}


def load_once(context, url: str, page_name: str, full: bool) -> tuple[float, float, float]:
    """Milliseconds from the navigation to the page drawn and its script run finished,
    milliseconds of CPU time of the tab's main thread meanwhile (which other work on
    the machine slows far less than it slows the wall clock), and milliseconds from the
    navigation to the heading drawn."""
    from playwright.sync_api import expect

    heading, shown, empty = PAGES[page_name]
    tab = context.new_page()
    devtools = context.new_cdp_session(tab)
    devtools.send("Performance.enable")
    started = time.perf_counter()
    tab.goto(f"{url}/{page_name}")
    expect(tab.get_by_role("heading", name=heading, level=1)).to_be_visible(timeout=60_000)
    to_heading = (time.perf_counter() - started) * 1000
    expect(tab.locator(shown if full else empty).first).to_be_visible(timeout=60_000)
    expect(tab.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
    running = "[data-testid=stApp][data-test-script-state=running]"
    expect(tab.locator(running)).to_have_count(0, timeout=60_000)
    elapsed = (time.perf_counter() - started) * 1000
    metrics = {m["name"]: m["value"] for m in devtools.send("Performance.getMetrics")["metrics"]}
    tab.close()
    return elapsed, metrics["ThreadTime"] * 1000, to_heading


def time_loads(
    servers: dict[str, str], pages: list[str], loads: int
) -> dict[str, dict[str, list[tuple[float, float, float]]]]:
    """Milliseconds per load of each page in each library, the libraries taking turns
    (so a burst of other work on the machine falls on both), the first (cold) load of
    each left out."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import chromium_path

    times: dict[str, dict[str, list[tuple[float, float, float]]]] = {
        name: {p: [] for p in pages} for name in servers
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        for page_name in pages:
            for n in range(loads + 1):
                for name, url in servers.items():
                    measured = load_once(context, url, page_name, name != "empty")
                    if n:  # the first load fills the server's caches
                        times[name][page_name].append(measured)
        browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loads", type=int, default=10, help="timed loads per page")
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=list(PAGES))
    parser.add_argument("--export", type=Path, help="a Letterboxd export folder (CSV files)")
    args = parser.parse_args(argv)

    from tests.e2e.conftest import start_app_server, stop_app_server

    exports = real_exports()
    export = args.export or (exports / LARGEST if exports else None)
    if export is None or not export.is_dir():
        print("No Letterboxd export: pass --export or put ../shared/real-exports beside")
        return 2
    os.environ.pop("COVERAGE_FILE", None)  # measure the app, not coverage
    folder = Path(tempfile.mkdtemp(prefix="movie-browser-bench-"))
    print(f"Machine: {machine()}\n")
    urls = build_libraries(folder, export)
    servers = []
    try:
        for name, url in urls.items():
            (folder / name).mkdir()
            servers.append(
                start_app_server(folder / name, {"DATABASE_URL": url, "OMDB_API_KEY": ""})
            )
        results = time_loads(
            {name: server.url for name, server in zip(urls, servers, strict=True)},
            args.pages,
            args.loads,
        )
    finally:
        for server in servers:
            stop_app_server(server)

    print(
        "| page | library | loads | median (ms) | slowest (ms) | browser CPU, median (ms) "
        "| to the heading, median (ms) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    medians: dict[tuple[str, str], tuple[float, float]] = {}
    for page in args.pages:
        for name in urls:
            walls = [wall for wall, _, _ in results[name][page]]
            busy = [cpu for _, cpu, _ in results[name][page]]
            heading = statistics.median(first for _, _, first in results[name][page])
            medians[page, name] = (statistics.median(walls), statistics.median(busy))
            print(
                f"| {page} | {name} | {len(walls)} | {medians[page, name][0]:.0f} | "
                f"{max(walls):.0f} | {medians[page, name][1]:.0f} | {heading:.0f} |"
            )
    print()
    for page in args.pages:
        full, empty = medians[page, "imported"], medians[page, "empty"]
        print(
            f"- {page}: the imported library loads in {full[0] / empty[0]:.2f}x the time of "
            f"the empty one ({full[1] / empty[1]:.2f}x the browser's main-thread work)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
