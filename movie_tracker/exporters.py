"""Pure writers: the library's movies and watches in, the bytes of an export out.

- `letterboxd_zip`: CSV files Letterboxd's importer reads (letterboxd.com/about/importing-data):
  one row per watch keyed on `imdbID`, a Watched movie without a watch as a row with an
  empty `WatchedDate` (Letterboxd's "watched", no diary entry), the watchlist in a file of
  its own (Letterboxd imports it from another page), each list in a file of its own under
  lists/ (its films in order, each note in `Review`, which Letterboxd's list importer takes
  as the film's notes), every file split at 1,000 rows, all in one ZIP. The app does not
  read these files back (importers/letterboxd.py refuses them and points to the backup),
  so that undated row is never guessed into a watch. Letterboxd dates a diary entry to the
  day: a watch dated only to a month or a year is written without a WatchedDate, never on
  a made-up day, and keeps its date in a tag (`watched:2015-03`, `watched:2015`).
- `backup_json`: everything in the library as one versioned JSON document (movies, watches,
  the days OMDb was asked, the Activity history, the lists and the watchlist's order),
  which importers/backup.py reads back into an empty library exactly as it was.

Every CSV cell a spreadsheet could run as a formula (one that begins with =, +, -, @, a tab
or a carriage return) is written with a leading apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

from movie_tracker.importers import letterboxd
from movie_tracker.models import (
    DatePrecision,
    EventRecord,
    ListEntry,
    Movie,
    MovieList,
    Status,
    Watch,
    search_key,
)

ROWS_PER_FILE = 1000
WATCHED_TAG = "watched:"  # + "2015-03" or "2015": a date Letterboxd cannot take as a day
WATCHED_HEADER = letterboxd.FOR_IMPORTER  # the reader knows them, to say they are not read back
WATCHLIST_HEADER = letterboxd.FOR_IMPORTER_WATCHLIST
LIST_HEADER = letterboxd.FOR_IMPORTER_LIST
BACKUP_FORMAT = "movie-tracker-backup"
# 2: keys, details_checked_on, seen_before, the events; 3: precision; 4: lists, watchlist order
BACKUP_VERSION = 4
_SLUG = re.compile(r"[^a-z0-9]+")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")

Cell = str | int | float | None


def letterboxd_filename(today: date) -> str:
    return f"movie-tracker-letterboxd-{today.isoformat()}.zip"


def backup_filename(today: date) -> str:
    return f"movie-tracker-backup-{today.isoformat()}.json"


# -- Letterboxd ------------------------------------------------------------------------------


ListOf = tuple[MovieList, Sequence[ListEntry]]  # a list, and its films in order


def letterboxd_zip(
    movies: Sequence[Movie], watches: Sequence[Watch], lists: Sequence[ListOf] = ()
) -> bytes:
    """The Letterboxd import files in one ZIP: letterboxd-watched.csv (or -1, -2... when
    longer than 1,000 rows), letterboxd-watchlist.csv likewise, and lists/<name>.csv for
    each list."""
    files = split_csv("letterboxd-watched", WATCHED_HEADER, watched_rows(movies, watches))
    files += split_csv("letterboxd-watchlist", WATCHLIST_HEADER, watchlist_rows(movies))
    taken: set[str] = set()
    for kept, entries in lists:
        files += split_csv(f"lists/{_slug(kept, taken)}", LIST_HEADER, list_rows(entries))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return out.getvalue()


def watched_rows(movies: Sequence[Movie], watches: Sequence[Watch]) -> list[list[Cell]]:
    """One row per watch, oldest first (undated first); a Watched movie without any watch
    gets one undated row. A movie's own rating goes on its latest row when that watch has
    no rating of its own, so Letterboxd learns it too."""
    by_movie: dict[int, list[Watch]] = {}
    for watch in watches:
        by_movie.setdefault(watch.movie_id, []).append(watch)
    rows: list[tuple[tuple[bool, date, str], list[Cell]]] = []
    for movie in movies:
        if movie.status is not Status.WATCHED:
            continue
        own = sorted(by_movie.get(movie.id or 0, []), key=_watch_order) or [Watch(movie.id or 0)]
        for position, watch in enumerate(own):
            rating = watch.rating
            if rating is None and position == len(own) - 1:
                rating = movie.rating
            order = (watch.watched_on is not None, watch.watched_on or date.min, movie.title)
            rows.append((order, _watched_row(movie, watch, rating)))
    return [row for _, row in sorted(rows, key=lambda item: item[0])]


def _watched_row(movie: Movie, watch: Watch, rating: float | None) -> list[Cell]:
    when, tags = watch.when, list(watch.tags)
    if when is not None and when.precision is not DatePrecision.DAY:
        tags.append(f"{WATCHED_TAG}{when.iso}")
    return [
        movie.imdb_id or "",
        movie.title,
        movie.year,
        movie.director or "",
        when.iso if when is not None and when.precision is DatePrecision.DAY else "",
        stars_text(rating),
        "true" if watch.rewatch else "",
        ", ".join(tags),
        watch.review,
    ]


def _watch_order(watch: Watch) -> tuple[bool, date, str, int]:
    day = watch.watched_on or date.min
    return (watch.watched_on is not None, day, watch.precision.value, watch.id or 0)


def watchlist_rows(movies: Iterable[Movie]) -> list[list[Cell]]:
    return [
        [movie.imdb_id or "", movie.title, movie.year]
        for movie in movies
        if movie.status is Status.WANT_TO_WATCH
    ]


def list_rows(entries: Iterable[ListEntry]) -> list[list[Cell]]:
    """A list's films in its order, for Letterboxd's list importer: the note as `Review`."""
    return [
        [entry.position, entry.movie.imdb_id or "", entry.movie.title, entry.movie.year, entry.note]
        for entry in entries
    ]


def _slug(kept: MovieList, taken: set[str]) -> str:
    """A list's file name: its name in lower case letters, digits and dashes, once."""
    slug = _SLUG.sub("-", search_key(kept.name)).strip("-")[:60].strip("-") or f"list-{kept.id}"
    name, number = slug, 1
    while name in taken:
        number += 1
        name = f"{slug}-{number}"
    taken.add(name)
    return name


def stars_text(rating: float | None) -> str:
    """Half stars as Letterboxd writes them: 4.0 is "4", 3.5 is "3.5"; none is ""."""
    if rating is None:
        return ""
    return str(int(rating)) if rating == int(rating) else str(rating)


def split_csv(
    stem: str, header: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> list[tuple[str, bytes]]:
    """(name, bytes) of CSV files of at most ROWS_PER_FILE rows each, each with the header;
    one file named stem.csv, or stem-1.csv, stem-2.csv... when there are more rows."""
    parts = [rows[start : start + ROWS_PER_FILE] for start in range(0, len(rows), ROWS_PER_FILE)]
    if len(parts) <= 1:
        return [(f"{stem}.csv", csv_bytes(header, rows))]
    return [(f"{stem}-{n}.csv", csv_bytes(header, part)) for n, part in enumerate(parts, 1)]


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 without a BOM, minimal quoting (as Letterboxd writes), formulas defused."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue().encode("utf-8")


def spreadsheet_safe(cell: Cell) -> str:
    """The cell as text no spreadsheet runs as a formula: "=1+2" becomes "'=1+2", while a
    number such as "-5" or "+3.5" stays as it is."""
    if cell is None:
        return ""
    text = str(cell)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


# -- backup ---------------------------------------------------------------------------------


def backup_json(
    movies: Sequence[Movie],
    watches: Sequence[Watch],
    exported_at: datetime,
    events: Sequence[EventRecord] = (),
    details_checked: Mapping[int, date] | None = None,
    lists: Sequence[ListOf] = (),
    watchlist: Sequence[int] = (),
) -> bytes:
    """Every movie with every field (and the day OMDb was asked about it) and its watches,
    oldest added first, then the Activity history oldest first, then the lists (each with
    its films in order and their notes) and the watchlist's order (`watchlist`, the Want
    to Watch films' ids, first first), as UTF-8 JSON.

    Movies and watches carry a `key`, their place in the document; an event names the movie
    and watch it is about by that key (null for one the backup does not hold, such as a
    deleted movie), never by a database id. So a backup restored into an empty library and
    exported again is this document with one more event: the restore's own.
    """
    checked = details_checked or {}
    by_movie: dict[int, list[Watch]] = {}
    for watch in sorted(watches, key=lambda w: (_moment(w.logged_at), w.id or 0)):
        by_movie.setdefault(watch.movie_id, []).append(watch)
    ordered = sorted(movies, key=lambda m: (_moment(m.date_added), m.id or 0))
    movie_keys = {movie.id: key for key, movie in enumerate(ordered, start=1)}
    own = [w for movie in ordered for w in by_movie.get(movie.id or 0, [])]
    watch_keys = {watch.id: key for key, watch in enumerate(own, start=1)}
    document = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "movies": [
            _backup_movie(m, by_movie.get(m.id or 0, []), movie_keys, watch_keys, checked)
            for m in ordered
        ],
        "events": [_backup_event(event, movie_keys, watch_keys) for event in events],
        "lists": [_backup_list(kept, entries, movie_keys) for kept, entries in lists],
        "watchlist": [movie_keys[movie_id] for movie_id in watchlist if movie_id in movie_keys],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _backup_movie(
    movie: Movie,
    watches: Sequence[Watch],
    movie_keys: Mapping[int | None, int],
    watch_keys: Mapping[int | None, int],
    checked: Mapping[int, date],
) -> dict[str, object]:
    day = checked.get(movie.id or 0)
    return {
        "key": movie_keys[movie.id],
        "title": movie.title,
        "status": movie.status.value,
        "year": movie.year,
        "director": movie.director,
        "genre": movie.genre,
        "imdb_id": movie.imdb_id,
        "poster_url": movie.poster_url,
        "date_added": _iso(movie.date_added),
        "rating": movie.rating,
        "runtime_minutes": movie.runtime_minutes,
        "plot": movie.plot,
        "actors": movie.actors,
        "imdb_rating": movie.imdb_rating,
        "language": movie.language,
        "country": movie.country,
        "details_checked_on": day.isoformat() if day else None,
        "watches": [
            {
                "key": watch_keys[watch.id],
                "watched_on": watch.watched_on.isoformat() if watch.watched_on else None,
                "precision": watch.precision.value,
                "rating": watch.rating,
                "review": watch.review,
                "tags": list(watch.tags),
                "seen_before": watch.seen_before,
                "logged_at": _iso(watch.logged_at),
            }
            for watch in watches
        ],
    }


def _backup_event(
    event: EventRecord, movie_keys: Mapping[int | None, int], watch_keys: Mapping[int | None, int]
) -> dict[str, object]:
    details = {k: v for k, v in event.details.items() if k not in ("movie_id", "watch_id")}
    return {
        "ts": event.ts.isoformat(timespec="seconds"),
        "name": event.name,
        "movie": movie_keys.get(event.movie_id),
        "watch": watch_keys.get(_int(event.details.get("watch_id"))),
        "title": event.title,
        "status": event.status,
        "details": details,
    }


def _backup_list(
    kept: MovieList, entries: Sequence[ListEntry], movie_keys: Mapping[int | None, int]
) -> dict[str, object]:
    return {
        "name": kept.name,
        "description": kept.description,
        "created_at": _iso(kept.created_at),
        "entries": [
            {
                "movie": movie_keys[entry.movie.id],
                "note": entry.note,
                "added_at": _iso(entry.added_at),
            }
            for entry in entries
            if entry.movie.id in movie_keys
        ],
    }


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _moment(moment: datetime | None) -> str:
    return _iso(moment) or ""
