"""One person's pages and writes when many people share one PostgreSQL, against the same
person alone in an empty database.

    python -m benchmarks.hosted_bench                     # 1,000 people x 1,000 films
    python -m benchmarks.hosted_bench --people 50 --runs 5 --plans -   # a quick look
    python -m benchmarks.hosted_bench --server postgresql+psycopg://me@localhost/postgres
    python -m benchmarks.hosted_bench --server ... --keep   # load once, measure again and again

Needs PostgreSQL: --server (a user who may create databases), else a throwaway cluster
with PostgreSQL's default durability (fsync and synchronous commits on, unlike the test
suite's), on a free loopback port, removed afterwards. Needs the `test`, `e2e` and
`postgres` extras (AppTest, as benchmarks.bench).

Method
- Two databases, both upgraded by the app's own MovieRepository: "crowded" holds
  --people libraries of --films movies each, with 2 watches per movie on average (every
  other movie watched four times) and an event per movie and per watch; "alone" holds
  only the measured person's library, the same rows. The rows are written with COPY
  (psycopg's bulk loader), interleaved across people as a shared server fills up over
  time, so one person's rows are spread over the whole table; then VACUUM ANALYZE, as
  autovacuum would have done by the time anyone looks.
- Pages: AppTest runs the real navigation for the measured person
  (MovieService.for_owner), as benchmarks.bench does. Warm: the page's reads are cached
  on the library version, so a rerun costs one query plus drawing. Cold: st.cache_data is
  cleared before every run, so every query the page makes runs again, which is what a
  rerun costs after any change, in another app server, or once the process's caches
  (shared by everyone it serves) have let this person's entries go.
- Writes: MovieService.log_watch (dated, rated, reviewed, tagged) on --writes movies,
  one each, and add_movie --writes times. Median, 95th percentile, max.
- Plans: every SELECT the pages sent in one cold run each, and log_watch's statements,
  run again under EXPLAIN (ANALYZE, BUFFERS) in the crowded database.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from benchmarks.bench import GENRES, machine, page_script, summary, time_reruns
from movie_tracker.models import RATING_CHOICES, Owner, Status, search_key
from movie_tracker.service import MovieService
from movie_tracker.store import MovieRepository, genre_key
from tests.postgres import throwaway_cluster

START = datetime(2021, 11, 25, tzinfo=timezone.utc)
DURABLE = ("-c shared_buffers=256MB",)  # PostgreSQL's defaults otherwise: fsync on
MOVIE_COLUMNS = (
    "id", "owner", "title", "year", "director", "genre", "status", "imdb_id", "poster_url",
    "date_added", "rating", "runtime_minutes", "genre_key", "search_key",
)  # fmt: skip
WATCH_COLUMNS = (
    "id", "owner", "movie_id", "watched_on", "rating", "review", "tags", "rewatch", "logged_at",
)  # fmt: skip
EVENT_COLUMNS = ("id", "owner", "ts", "name", "movie_id", "title", "status", "details")
# (name, page, query parameters), as benchmarks.bench; "open movie" gets its id later.
VIEWS = (
    ("library (table)", "library", {}),
    ("library grid", "library", {"view": "grid"}),
    ("diary", "diary", {}),
    ("statistics + year in review", "statistics", {}),
    ("activity", "activity", {}),
)


def person(number: int) -> Owner:
    return Owner(f"https://accounts.example.org|person-{number:04d}")


# -- the rows -------------------------------------------------------------------------------


class Library:
    """The generated libraries: movie n of person p has id n * people + p + 1, so that the
    rows of all people interleave, and the same fields whichever database it goes to."""

    def __init__(self, people: int, films: int) -> None:
        self.people, self.films = people, films

    def movie_id(self, number: int, n: int) -> int:
        return n * self.people + number + 1

    def movies(self, who: Sequence[int]) -> Iterator[dict[str, Any]]:
        step = timedelta(days=3 * 365) / max(self.films, 1)
        for n in range(self.films):
            for number in who:
                rng = random.Random(self.movie_id(number, n))
                genre = rng.choice(GENRES)
                title = f"Film {n} of person {number}"
                director = f"Director {rng.randint(1, self.films // 5 + 1)}"
                yield {
                    "id": self.movie_id(number, n),
                    "owner": person(number).key,
                    "title": title,
                    "year": rng.randint(1930, 2025),
                    "director": director,
                    "genre": genre,
                    "status": (Status.WATCHED if n % 2 == 0 else Status.WANT_TO_WATCH).value,
                    "imdb_id": f"tt{5000000 + n:07d}",  # the same films in every library
                    "poster_url": f"https://img.example.org/{n}.jpg",
                    "added_at": START + step * n,
                    "rating": rng.choice(RATING_CHOICES) if rng.random() < 0.7 else None,
                    "runtime_minutes": rng.randint(80, 180),
                    "genre_key": genre_key(genre),
                    "search_key": search_key(f"{title} {director} {genre}"),
                }

    def movie_rows(self, who: Sequence[int]) -> Iterator[tuple[Any, ...]]:
        for movie in self.movies(who):
            added = movie["added_at"].isoformat(timespec="seconds")
            yield tuple(added if c == "date_added" else movie[c] for c in MOVIE_COLUMNS)

    def watches(self, who: Sequence[int]) -> Iterator[dict[str, Any]]:
        """Every other movie watched four times; ids count up in the order they are made."""
        watch_id = 0
        for movie in self.movies(who):
            if movie["status"] != Status.WATCHED.value:
                continue
            rng = random.Random(-movie["id"])
            for number, day in enumerate(sorted(rng.sample(range(600), 4))):
                watch_id += 1
                yield {
                    "id": watch_id,
                    "owner": movie["owner"],
                    "movie_id": movie["id"],
                    "title": movie["title"],
                    "watched_on": (movie["added_at"] + timedelta(days=day)).date().isoformat(),
                    "rating": rng.choice(RATING_CHOICES),
                    "review": "Seen again, and better.\nA second line." if number else "",
                    "tags": "[]",
                    "rewatch": number > 0,
                    "logged_at": movie["added_at"].isoformat(timespec="seconds"),
                }

    def watch_rows(self, who: Sequence[int]) -> Iterator[tuple[Any, ...]]:
        for watch in self.watches(who):
            yield tuple(watch[c] for c in WATCH_COLUMNS)

    def event_rows(self, who: Sequence[int]) -> Iterator[tuple[Any, ...]]:
        """A movie.added per movie, then a watch.logged per watch."""
        event_id = 0
        for movie in self.movies(who):
            event_id += 1
            added = movie["added_at"].isoformat(timespec="seconds")
            yield (event_id, movie["owner"], added, "movie.added", movie["id"], movie["title"],
                   movie["status"], "{}")  # fmt: skip
        for watch in self.watches(who):
            event_id += 1
            yield (event_id, watch["owner"], watch["logged_at"], "watch.logged",
                   watch["movie_id"], watch["title"], None, "{}")  # fmt: skip


def load(url: str, library: Library, who: Sequence[int]) -> dict[str, object]:
    """Create the schema with the app's own upgrade, COPY the rows in, VACUUM ANALYZE."""
    MovieRepository(url).dispose()
    engine = create_engine(url)
    started = time.perf_counter()
    counts = {}
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for table, columns, rows in (
            ("movies", MOVIE_COLUMNS, library.movie_rows(who)),
            ("watches", WATCH_COLUMNS, library.watch_rows(who)),
            ("events", EVENT_COLUMNS, library.event_rows(who)),
        ):
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                count = 0
                for row in rows:
                    copy.write_row(row)
                    count += 1
            counts[table] = count
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
        raw.commit()
    finally:
        raw.close()
    copied = time.perf_counter() - started
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
        try:  # write the load out now, not while the writes below are timed
            conn.exec_driver_sql("CHECKPOINT")
        except DBAPIError:
            print("- could not CHECKPOINT (needs superuser or pg_checkpoint)", flush=True)
        size = conn.execute(text("SELECT pg_size_pretty(pg_database_size(current_database()))"))
        counts["size"] = size.scalar_one()
    engine.dispose()
    counts["copy_seconds"] = round(copied, 1)
    counts["total_seconds"] = round(time.perf_counter() - started, 1)
    return counts


@contextmanager
def database(server: str, name: str, keep: bool = False) -> Iterator[tuple[str, bool]]:
    """(URL of a database `name` on the server, whether it is new). A new one is dropped
    afterwards, unless `keep`; with `keep`, one left by an earlier run is used again."""
    url = make_url(server)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        new = not (keep and found.first())
        if new:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False), new
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


# -- measuring ------------------------------------------------------------------------------


def time_views(
    services: dict[str, MovieService], runs: int
) -> dict[str, dict[tuple[str, str], list[float]]]:
    """Milliseconds per rerun of each view, warm and cold, for each service, the services
    taking turns run by run so that the machine's drift falls on all of them alike."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    first = next(iter(services.values()))
    movie = {"movie": str(first.list_movies(limit=1)[0].id)}  # the same id in every database
    times: dict[str, dict[tuple[str, str], list[float]]] = {name: {} for name in services}
    for view, page, params in (*VIEWS, ("open movie", "library", movie)):
        for kind in ("warm", "cold"):
            st.cache_data.clear()
            tests = {}
            for name, service in services.items():
                at = AppTest.from_function(
                    page_script, kwargs={"service": service, "page": page}, default_timeout=60
                )
                at.query_params.update(params)
                at.run()  # the first run fills the caches
                if at.exception:
                    raise RuntimeError(at.exception[0].value)
                tests[name] = at
                times[name][(view, kind)] = []
            for _ in range(runs):
                for name, at in tests.items():
                    if kind == "cold":
                        st.cache_data.clear()
                    started = time.perf_counter()
                    at.run()
                    times[name][(view, kind)].append((time.perf_counter() - started) * 1000)
    return times


def time_writes(services: dict[str, MovieService], count: int) -> dict[str, dict[str, list]]:
    """log_watch on `count` movies and `count` add_movie calls per service, taking turns."""
    targets = {name: s.list_movies(limit=count) for name, s in services.items()}
    times: dict[str, dict[str, list]] = {n: {"log_watch": [], "add_movie": []} for n in services}
    for number in range(count):
        for name, service in services.items():
            movie_id = targets[name][number].id or 0
            started = time.perf_counter()
            service.log_watch(movie_id, "2026-03-03", 3.5, "Better the second time.", ("cinema",))
            times[name]["log_watch"].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            service.add_movie(f"Added In The Benchmark {number}", "Watched")
            times[name]["add_movie"].append((time.perf_counter() - started) * 1000)
    return times


@contextmanager
def statements(service: MovieService) -> Iterator[list[tuple[str, Any]]]:
    """Every statement the service's engine sends while the block runs."""
    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        sent.append((statement, parameters))

    engine = service.repository.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def plans(service: MovieService) -> list[tuple[str, str, float, str]]:
    """(where, statement, execution ms, plan) for each distinct statement one cold run of
    every page sends, and log_watch's, run again under EXPLAIN ANALYZE."""
    captured: list[tuple[str, str, Any]] = []
    movie = service.list_movies(limit=1)[0]
    for name, page, params in (*VIEWS, ("open movie", "library", {"movie": str(movie.id)})):
        with statements(service) as sent:
            time_reruns(service, page, 1, params, cold=True)
        captured += [(name, s, p) for s, p in sent if s.lstrip().upper().startswith("SELECT")]
    with statements(service) as sent:
        service.log_watch(movie.id or 0, "2026-03-03", 4, "Planned.", ("plan",))
    captured += [("log_watch", s, p) for s, p in sent]
    seen, found = set(), []
    raw = service.repository.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for where, statement, parameters in captured:
            if statement in seen or statement.lstrip().upper().startswith(("BEGIN", "COMMIT")):
                continue
            seen.add(statement)
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters)
            lines = [row[0] for row in cursor.fetchall()]
            took = next(float(line.split()[2]) for line in lines if "Execution Time" in line)
            found.append((where, statement, took, "\n".join(lines)))
        raw.rollback()  # EXPLAIN ANALYZE of a write runs it: keep the database as it was
    finally:
        raw.close()
    return found


# -- the report -----------------------------------------------------------------------------


def report(args: argparse.Namespace, server: str) -> int:
    library = Library(args.people, args.films)
    measured = args.people // 2
    print(f"Machine: {machine()}")
    print(f"{args.people:,} people x {args.films:,} films; measuring {person(measured).key}\n")
    with (
        database(server, "movies_bench_alone", args.keep) as (alone, new_alone),
        database(server, "movies_bench_crowded", args.keep) as (crowded, new_crowded),
    ):
        for name, url, who, new in (
            ("alone", alone, [measured], new_alone),
            ("crowded", crowded, range(args.people), new_crowded),
        ):
            if new:
                print(f"- loaded {name}: {load(url, library, who)}", flush=True)
            else:
                print(f"- kept {name} from an earlier run (with its writes)", flush=True)
        services = {
            name: MovieService(MovieRepository(url)).for_owner(person(measured))
            for name, url in (("alone", alone), ("crowded", crowded))
        }
        results = time_views(services, args.runs)
        print("- timed the pages", flush=True)
        if args.plans:
            write_plans(plans(services["crowded"]), args.plans)
        writes = time_writes(services, args.writes)
        for service in services.values():
            service.repository.dispose()
    print_tables(results, writes)
    return 0


def print_tables(
    results: dict[str, dict[tuple[str, str], list[float]]],
    writes: dict[str, dict[str, list[float]]],
) -> None:
    print("\n| view | rerun | alone median (ms) | crowded median (ms) | crowded p90 (ms) "
          "| ratio |")  # fmt: skip
    print("|---|---|---:|---:|---:|---:|")
    for (name, kind), times in results["alone"].items():
        alone_median = summary(times)[0]
        median, p90, _ = summary(results["crowded"][(name, kind)])
        print(f"| {name} | {kind} | {alone_median:.1f} | {median:.1f} | {p90:.1f} "
              f"| {median / alone_median:.2f}x |")  # fmt: skip
    print("\n| write | database | median (ms) | p95 (ms) | max (ms) |")
    print("|---|---|---:|---:|---:|")
    for name, timed in writes.items():
        for write, times in timed.items():
            ordered = sorted(times)
            p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
            print(f"| {write} | {name} | {statistics.median(ordered):.2f} | {p95:.2f} "
                  f"| {ordered[-1]:.2f} |")  # fmt: skip


def write_plans(found: list[tuple[str, str, float, str]], path: str) -> None:
    lines = []
    for where, statement, took, plan in sorted(found, key=lambda item: -item[2]):
        lines += [f"### {where}: {took:.3f} ms", "", "```sql", " ".join(statement.split()), "```",
                  "", "```", plan, "```", ""]  # fmt: skip
    output = "\n".join(lines)
    if path == "-":
        print(output)
    else:
        Path(path).write_text(output)
        print(f"- wrote {len(found)} plans to {path}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--films", type=int, default=1000, help="per person")
    parser.add_argument("--runs", type=int, default=20, help="reruns per page, warm and cold")
    parser.add_argument("--writes", type=int, default=200, help="log_watch and add_movie calls")
    parser.add_argument("--server", help="a PostgreSQL URL whose user may create databases")
    parser.add_argument("--plans", help="write the EXPLAIN ANALYZE plans here ('-': stdout)")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="leave both databases on --server, and use them again next time (for tuning)",
    )
    args = parser.parse_args(argv)
    if args.server:
        return report(args, args.server)
    with throwaway_cluster(DURABLE) as server:
        return report(args, server)


if __name__ == "__main__":
    sys.exit(main())
