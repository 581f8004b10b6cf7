"""How long the largest real Letterboxd export takes to preview and import, and its memory.

    python -m benchmarks.import_bench                 # best of 3, empty and 10,000-movie libraries
    python -m benchmarks.import_bench --runs 5
    python -m benchmarks.import_bench --uploads       # memory of refused and accepted uploads

Reads patrickmjones' export (2,132 diary rows, 2,604 watched, 805 watchlist) in place from
../shared/real-exports; never copies it. Prints a Markdown table for BENCHMARKS.md.

Method
- Each run: a new SQLite library file (empty, or a copy of a 10,000-movie library with one
  watch per Watched movie built by benchmarks.bench.build_library), opened by the app's own
  MovieRepository and MovieService with no OMDb client; then preview_import_files on the
  export's loose CSVs and run_import of that preview, timed together. Best of N runs, and
  the median.
- Memory: tracemalloc's peak over one preview plus import into an empty library (the
  Python heap the import allocates above what the app already holds), and the growth of
  the process's peak RSS (ru_maxrss) over the same run.
- --uploads: tracemalloc's peak over preview_import_files of each upload that
  tests/unit/importers/test_upload_memory.py builds (those refused for unpacking past the
  budget, and an accepted 10 MB diary), built before the measurement.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from sqlalchemy import insert, select

from benchmarks.bench import build_library, machine
from movie_tracker.models import Status
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository, tables

ROOT = Path(__file__).resolve().parents[1]
ACCOUNT = "letterboxd/patrickmjones__letterboxd-data"
CANDIDATES = [
    ROOT.parent / "shared" / "real-exports",
    ROOT.parent.parent / "shared" / "real-exports",
]


def export_files() -> list[tuple[str, bytes]]:
    folder = next((path / ACCOUNT for path in CANDIDATES if (path / ACCOUNT).is_dir()), None)
    if folder is None:
        raise SystemExit(f"{ACCOUNT} is not in any of {[str(p) for p in CANDIDATES]}")
    return [
        (path.name.replace("__", "/"), path.read_bytes())
        for path in sorted(folder.iterdir())
        if path.name != "LICENSE"
    ]


def big_library(folder: Path, size: int) -> Path:
    """A library of `size` movies, each Watched one with one watch."""
    path = folder / f"library-{size}.db"
    url = build_library(path, size)
    repository = MovieRepository(url)
    with repository.engine.begin() as conn:
        watched = conn.execute(
            select(tables.movies.c.id).where(tables.movies.c.status == Status.WATCHED.value)
        ).scalars()
        rows = [
            {"movie_id": movie_id, "watched_on": "2024-01-01", "logged_at": "2024-01-01T00:00:00"}
            for movie_id in watched
        ]
        if rows:
            conn.execute(insert(tables.watches), rows)
    repository.dispose()
    return path


def one_import(path: Path, files: list[tuple[str, bytes]]) -> tuple[float, int]:
    repository = MovieRepository(f"sqlite:///{path}")
    service = MovieService(repository)
    started = time.perf_counter()
    preview = service.preview_import_files(files)
    result = service.run_import(preview)
    elapsed = time.perf_counter() - started
    repository.dispose()
    return elapsed, result.movies_added


def time_imports(
    template: Path | None, files: list[tuple[str, bytes]], runs: int, folder: Path
) -> tuple[list[float], int]:
    times, added = [], 0
    for run in range(runs):
        path = folder / f"run-{run}-{template.name if template else 'empty'}"
        if template is not None:
            shutil.copyfile(template, path)
        elapsed, added = one_import(path, files)
        times.append(elapsed)
    return times, added


def memory(files: list[tuple[str, bytes]], folder: Path) -> tuple[float, float]:
    """(tracemalloc peak MB, peak RSS growth MB) of one preview plus import."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    one_import(folder / "memory.db", files)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024, (rss_after - rss_before) / 1024


def upload_peaks() -> None:
    """A Markdown table: each upload of the memory tests, what it unpacks to, and its peak."""
    from tests.unit.importers import test_upload_memory as uploads

    mb = 1024 * 1024
    print(f"Machine: {machine()}\n")
    print("| upload | unpacks to (MB) | outcome | tracemalloc peak (MB) |")
    print("|---|---:|---|---:|")
    for label, build in [*uploads.REFUSED.items(), ("10 MB diary", uploads.ten_mb_export)]:
        files = build()
        size = sum(
            uploads.unpacked_size([(name, data)]) if data[:2] == b"PK" else len(data)
            for name, data in files
        )
        started = time.perf_counter()
        peak, outcome = uploads.peak_of(files)
        took = time.perf_counter() - started
        said = "refused" if isinstance(outcome, Exception) else "accepted"
        print(f"| {label} | {size / mb:,.0f} | {said} in {took:.1f} s | {peak / mb:.2f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--uploads", action="store_true", help="memory of uploads only")
    args = parser.parse_args(argv)
    if args.uploads:
        upload_peaks()
        return 0
    files = export_files()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rss_growth = 0.0
        peak_mb, rss_growth = memory(files, folder)
        empty, added = time_imports(None, files, args.runs, folder)
        big, _ = time_imports(big_library(folder, args.size), files, args.runs, folder)
    print(f"Machine: {machine()}\n")
    print(f"patrickmjones' export: {len(files)} files, {added:,} movies added per import\n")
    print("| library | best (s) | median (s) |")
    print("|---|---:|---:|")
    print(f"| empty | {min(empty):.2f} | {statistics.median(empty):.2f} |")
    print(f"| {args.size:,} movies | {min(big):.2f} | {statistics.median(big):.2f} |")
    print(f"\nRatio {args.size:,} / empty (best): {min(big) / min(empty):.2f}")
    print(f"Memory: tracemalloc peak {peak_mb:.0f} MB; peak RSS grew {rss_growth:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
