"""Factories that write export files the way Letterboxd, IMDb and Trakt write them.

Every quirk the importers must survive (see ../shared/real-exports/FORMATS.md) can be
written here: CRLF inside quoted reviews, doubled quotes, commas in titles, empty years,
cp1252 bytes, a BOM, ragged rows, every IMDb header generation, Trakt pages and rewatches.
None of the rows below come from a real export; they are made up for the tests.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------------------- plain files


def csv_bytes(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    eol: str = "\r\n",
    encoding: str = "utf-8",
    bom: bool = False,
    quote_all: bool = False,
) -> bytes:
    """A CSV file as csv.writer writes it: minimal quoting, doubled quotes, the given EOL."""
    out = io.StringIO(newline="")
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    writer = csv.writer(out, lineterminator=eol, quoting=quoting)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    data = out.getvalue().encode(encoding)
    return b"\xef\xbb\xbf" + data if bom else data


def zip_bytes(members: Mapping[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


# ---------------------------------------------------------------------------- Letterboxd

LB_DIARY = ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date"]
LB_REVIEWS = [
    "Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Review", "Tags", "Watched Date",
]  # fmt: skip
LB_FILMS = ["Date", "Name", "Year", "Letterboxd URI"]
LB_RATINGS = ["Date", "Name", "Year", "Letterboxd URI", "Rating"]
LB_COMMENTS = ["Date", "Content", "Comment"]
LB_LIKES = ["Date", "Content"]
LB_PROFILE = [
    "Date Joined", "Username", "Given Name", "Family Name", "Email Address", "Location",
    "Website", "Bio", "Pronoun", "Favorite Films",
]  # fmt: skip


@dataclass
class LetterboxdExport:
    """A Letterboxd account export, built row by row; `.files()` or `.zip()` writes it.

    Rows are lists in the file's column order. `extra` holds any other members by path.
    """

    diary: list[list[object]] = field(default_factory=list)
    reviews: list[list[object]] = field(default_factory=list)
    watched: list[list[object]] = field(default_factory=list)
    watchlist: list[list[object]] = field(default_factory=list)
    ratings: list[list[object]] | None = None
    extra: dict[str, bytes] = field(default_factory=dict)
    eol: str = "\r\n"

    def files(self) -> dict[str, bytes]:
        files = {
            "diary.csv": csv_bytes(LB_DIARY, self.diary, eol=self.eol),
            "reviews.csv": csv_bytes(LB_REVIEWS, self.reviews, eol=self.eol),
            "watched.csv": csv_bytes(LB_FILMS, self.watched, eol=self.eol),
            "watchlist.csv": csv_bytes(LB_FILMS, self.watchlist, eol=self.eol),
        }
        if self.ratings is not None:
            files["ratings.csv"] = csv_bytes(LB_RATINGS, self.ratings, eol=self.eol)
        return files | self.extra

    def zip(self, folder: str = "") -> bytes:
        return zip_bytes({folder + name: data for name, data in self.files().items()})


def lb_uri(slug: str) -> str:
    return f"https://boxd.it/{slug}"


def lb_list_file(
    *films: tuple[str, ...],
    v7: bool = True,
    name: str = "Made-up list",
    description: str = "A list, with a comma",
) -> bytes:
    """A lists/<slug>.csv: its preamble (v7 line, or the older empty line), then films, each
    (name, year) or (name, year, note) or (name, year, note, uri), in position order."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Letterboxd list export v7"] if v7 else [])
    writer.writerow(["Date", "Name", "Tags", "URL", "Description"])
    writer.writerow(["2024-01-01", name, "tag one, tag two", lb_uri("list1"), description])
    writer.writerow([])
    writer.writerow(["Position", "Name", "Year", "URL", "Description"])
    for position, (title, year, *more) in enumerate(films, start=1):
        note = more[0] if more else ""
        uri = more[1] if len(more) > 1 else lb_uri(f"l{position}")
        writer.writerow([position, title, year, uri, note])
    return out.getvalue().encode()


# ---------------------------------------------------------------------------- IMDb

IMDB_RATINGS_2017 = [
    "Const", "Your Rating", "Date Added", "Title", "Title Type", "Directors", "IMDb Rating",
    "Runtime (mins)", "Year", "Genres", "Num Votes",
]  # fmt: skip
IMDB_RATINGS_2018 = [
    "Const", "Your Rating", "Date Rated", "Title", "URL", "Title Type", "IMDb Rating",
    "Runtime (mins)", "Year", "Genres", "Num Votes", "Release Date", "Directors",
]  # fmt: skip
IMDB_RATINGS_2024 = [
    "Const", "Your Rating", "Date Rated", "Title", "Original Title", "URL", "Title Type",
    "IMDb Rating", "Runtime (mins)", "Year", "Genres", "Num Votes", "Release Date", "Directors",
]  # fmt: skip
IMDB_LIST_2018 = [
    "Position", "Const", "Created", "Modified", "Description", "Title", "URL", "Title Type",
    "IMDb Rating", "Runtime (mins)", "Year", "Genres", "Num Votes", "Release Date", "Directors",
]  # fmt: skip
IMDB_LIST_2018_RATED = [*IMDB_LIST_2018, "Your Rating", "Date Rated"]
IMDB_LIST_2024 = [
    "Position", "Const", "Created", "Modified", "Description", "Title", "Original Title", "URL",
    "Title Type", "IMDb Rating", "Runtime (mins)", "Year", "Genres", "Num Votes",
    "Release Date", "Directors", "Your Rating", "Date Rated",
]  # fmt: skip
IMDB_LEGACY = [
    "position", "const", "created", "modified", "description", "Title", "Title type",
    "Directors", "You rated", "IMDb Rating", "Runtime (mins)", "Year", "Genres", "Num. Votes",
    "Release Date (month/day/year)", "URL",
]  # fmt: skip

_IMDB_DEFAULTS: dict[str, object] = {
    "Const": "tt0000001",
    "Title": "A Made-Up Film",
    "Title Type": "movie",
    "Year": "1999",
    "Runtime (mins)": "101",
    "Genres": "Drama, Crime",
    "Directors": "Ann Example",
    "IMDb Rating": "7.1",
    "Num Votes": "1234",
    "Release Date": "1999-05-01",
    "Created": "2020-02-02",
    "Modified": "2020-02-02",
}
_LEGACY_NAMES = {
    "position": "Position",
    "const": "Const",
    "created": "Created",
    "modified": "Modified",
    "description": "Description",
    "Title type": "Title Type",
    "You rated": "Your Rating",
    "Num. Votes": "Num Votes",
    "Release Date (month/day/year)": "Release Date",
}


def imdb_row(header: Sequence[str], **values: object) -> list[object]:
    """One IMDb row for `header`: keyword names use the modern column names with spaces
    written as underscores (Your_Rating=8, Title_Type="tvSeries", Original_Title=...)."""
    given = {
        name.replace("_", " ").replace("Runtime", "Runtime (mins)"): v for name, v in values.items()
    }
    row = []
    for column in header:
        modern = _LEGACY_NAMES.get(column, column)
        if modern == "Date Added":
            modern = "Date Rated"
        if modern in given:
            row.append(given[modern])
        elif modern == "URL":
            row.append(f"https://www.imdb.com/title/{given.get('Const', 'tt0000001')}/")
        elif modern == "Position":
            row.append(1)
        else:
            row.append(_IMDB_DEFAULTS.get(modern, ""))
    return row


def imdb_csv(header: Sequence[str], rows: Iterable[Mapping[str, object]], **options: Any) -> bytes:
    return csv_bytes(header, (imdb_row(header, **row) for row in rows), eol="\n", **options)


# ---------------------------------------------------------------------------- Trakt


def trakt_movie(
    title: str = "A Made-Up Film",
    year: int | None = 1999,
    imdb: str | None = "tt0000001",
    trakt: int | None = 1,
) -> dict[str, Any]:
    ids: dict[str, Any] = {"trakt": trakt, "slug": title.lower().replace(" ", "-"), "imdb": imdb}
    ids["tmdb"] = None
    return {"title": title, "year": year, "ids": ids}


def trakt_show(title: str = "A Made-Up Show") -> dict[str, Any]:
    return {"title": title, "year": 2010, "ids": {"trakt": 99, "slug": "show", "imdb": None}}


def trakt_play(movie: dict[str, Any], watched_at: str, item_id: int = 1) -> dict[str, Any]:
    return {
        "id": item_id,
        "watched_at": watched_at,
        "action": "watch",
        "type": "movie",
        "movie": movie,
    }


def trakt_episode_play(watched_at: str) -> dict[str, Any]:
    return {
        "id": 7,
        "watched_at": watched_at,
        "action": "scrobble",
        "type": "episode",
        "episode": {"season": 1, "number": 2, "title": "Pilot", "ids": {"trakt": 5}},
        "show": trakt_show(),
    }


def trakt_rating(movie: dict[str, Any], rating: object, rated_at: str) -> dict[str, Any]:
    return {"rated_at": rated_at, "rating": rating, "type": "movie", "movie": movie}


def trakt_listed(movie: dict[str, Any], *, kind: str = "movie", **extra: Any) -> dict[str, Any]:
    return {
        "rank": 1,
        "id": 11,
        "listed_at": "2024-07-09T00:20:02.000Z",
        "notes": None,
        "type": kind,
        kind: movie,
        **extra,
    }


def trakt_watched(movie: dict[str, Any], last_watched_at: str, plays: int = 1) -> dict[str, Any]:
    return {
        "plays": plays,
        "last_watched_at": last_watched_at,
        "last_updated_at": last_watched_at,
        "movie": movie,
    }


def json_bytes(content: object) -> bytes:
    return json.dumps(content, indent=2, ensure_ascii=False).encode()


def trakt_zip(files: Mapping[str, object]) -> bytes:
    """An official-style Trakt export ZIP: JSON files by name (watched-history-1.json...)."""
    return zip_bytes({name: json_bytes(content) for name, content in files.items()})
