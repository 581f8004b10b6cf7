"""Pure writers: the library's movies and watches in, the bytes of an export out.

- `letterboxd_zip`: CSV files Letterboxd's importer reads (letterboxd.com/about/importing-data):
  one row per watch keyed on `imdbID`, a Watched movie without a watch as a row with an
  empty `WatchedDate` (Letterboxd's "watched", no diary entry), the watchlist in a file of
  its own (Letterboxd imports it from another page), every file split at 1,000 rows, all in
  one ZIP. The app does not read these files back (importers/letterboxd.py refuses them and
  points to the backup), so that undated row is never guessed into a watch.
- `backup_json`: everything in the library as one versioned JSON document, which
  importers/backup.py reads back into a library exactly as it was.

Every CSV cell a spreadsheet could run as a formula (one that begins with =, +, -, @, a tab
or a carriage return) is written with a leading apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from movie_tracker.importers import letterboxd
from movie_tracker.models import Movie, Status, Watch

ROWS_PER_FILE = 1000
WATCHED_HEADER = letterboxd.FOR_IMPORTER  # the reader knows them, to say they are not read back
WATCHLIST_HEADER = letterboxd.FOR_IMPORTER_WATCHLIST
BACKUP_FORMAT = "movie-tracker-backup"
BACKUP_VERSION = 1
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")

Cell = str | int | float | None


def letterboxd_filename(today: date) -> str:
    return f"movie-tracker-letterboxd-{today.isoformat()}.zip"


def backup_filename(today: date) -> str:
    return f"movie-tracker-backup-{today.isoformat()}.json"


# -- Letterboxd ------------------------------------------------------------------------------


def letterboxd_zip(movies: Sequence[Movie], watches: Sequence[Watch]) -> bytes:
    """The Letterboxd import files in one ZIP: letterboxd-watched.csv (or -1, -2... when
    longer than 1,000 rows) and letterboxd-watchlist.csv likewise."""
    files = split_csv("letterboxd-watched", WATCHED_HEADER, watched_rows(movies, watches))
    files += split_csv("letterboxd-watchlist", WATCHLIST_HEADER, watchlist_rows(movies))
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
    return [
        movie.imdb_id or "",
        movie.title,
        movie.year,
        movie.director or "",
        watch.watched_on.isoformat() if watch.watched_on else "",
        stars_text(rating),
        "true" if watch.rewatch else "",
        ", ".join(watch.tags),
        watch.review,
    ]


def _watch_order(watch: Watch) -> tuple[bool, date, int]:
    return (watch.watched_on is not None, watch.watched_on or date.min, watch.id or 0)


def watchlist_rows(movies: Iterable[Movie]) -> list[list[Cell]]:
    return [
        [movie.imdb_id or "", movie.title, movie.year]
        for movie in movies
        if movie.status is Status.WANT_TO_WATCH
    ]


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


def backup_json(movies: Sequence[Movie], watches: Sequence[Watch], exported_at: datetime) -> bytes:
    """Every movie with every field and its watches, oldest added first, as UTF-8 JSON."""
    by_movie: dict[int, list[Watch]] = {}
    for watch in sorted(watches, key=lambda w: (_moment(w.logged_at), w.id or 0)):
        by_movie.setdefault(watch.movie_id, []).append(watch)
    ordered = sorted(movies, key=lambda m: (_moment(m.date_added), m.id or 0))
    document = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "movies": [_backup_movie(m, by_movie.get(m.id or 0, [])) for m in ordered],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _backup_movie(movie: Movie, watches: Sequence[Watch]) -> dict[str, object]:
    return {
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
        "watches": [
            {
                "watched_on": watch.watched_on.isoformat() if watch.watched_on else None,
                "rating": watch.rating,
                "review": watch.review,
                "tags": list(watch.tags),
                "logged_at": _iso(watch.logged_at),
            }
            for watch in watches
        ],
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _moment(moment: datetime | None) -> str:
    return _iso(moment) or ""
