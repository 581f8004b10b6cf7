"""Letterboxd account exports: the ZIP, or its loose CSV files.

Files are told apart by their header and, for the four files that share one header
(watched, watchlist, likes/films), by their path. Diary and review rows name a diary entry,
not a film, so they join to films on (Name, Year); a review attaches to the diary entry with
its URI. Watched wins over the watchlist; ratings.csv holds each film's current rating.

A watch is a diary row, or a review Letterboxd keeps without a diary entry (an undated one,
which holds the review); a film only in watched.csv or ratings.csv has none. A diary row
marked Rewatch keeps the mark: the person had seen the film before that entry.

Lists (lists/*.csv, read by letterboxd_lists) are read last: each film a list names is the
export's film with its URI (or name and year), or, named by no other file, a film added
Want to Watch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice

from movie_tracker.importers._files import Member, first_row, member_rows
from movie_tracker.importers.letterboxd_lists import is_list, read_list, wanted_film
from movie_tracker.importers.plan import (
    ALREADY_WATCHED,
    DELETED,
    NOT_IMPORTED,
    UNREADABLE,
    ImportPlan,
    PlannedList,
    PlannedMovie,
    PlannedWatch,
    Skipped,
    UnreadableExport,
)
from movie_tracker.models import (
    Status,
    ValidationError,
    clean_rating,
    clean_review,
    clean_tags,
    search_key,
)

DIARY = ("Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date")
REVIEWS = (
    "Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Review", "Tags", "Watched Date",
)  # fmt: skip
RATINGS = ("Date", "Name", "Year", "Letterboxd URI", "Rating")
FILMS = ("Date", "Name", "Year", "Letterboxd URI")  # watched, watchlist, likes/films
COMMENTS = ("Date", "Content", "Comment")
LIKES = ("Date", "Content")  # likes/lists, likes/reviews
PROFILE_START = ("Date Joined", "Username")
# Letterboxd's import columns (letterboxd.com/about/importing-data), as Movie Tracker's own
# Letterboxd download writes them (exporters.letterboxd_zip): files for Letterboxd, where a
# row without a WatchedDate only says "watched". The app does not read them back.
FOR_IMPORTER = (
    "imdbID", "Title", "Year", "Directors", "WatchedDate", "Rating", "Rewatch", "Tags", "Review",
)  # fmt: skip
FOR_IMPORTER_WATCHLIST = ("imdbID", "Title", "Year")
NOT_READ_BACK = (
    "a file for Letterboxd's importer, as Movie Tracker's Letterboxd download writes it, "
    "which is not read back; to move a library into Movie Tracker, import its Full backup"
)

# Movie Tracker's own Letterboxd download writes each list for Letterboxd's list importer.
FOR_IMPORTER_LIST = ("Position", "imdbID", "Title", "Year", "Review")

_NOT_IMPORTED = {
    COMMENTS: "comments are not imported",
    LIKES: "likes are not imported",
    FOR_IMPORTER: NOT_READ_BACK,
    FOR_IMPORTER_WATCHLIST: NOT_READ_BACK,
    FOR_IMPORTER_LIST: NOT_READ_BACK,
}
_SKIPPED_FOLDERS = {
    "deleted": "in deleted/: content you deleted on Letterboxd",
    "orphaned": "in orphaned/: entries Letterboxd kept for films no longer on it",
}
_YES = frozenset({"yes", "true", "1"})
_ORDER = ("watched", "diary", "reviews", "ratings", "watchlist")


def sniff(member: Member) -> bool:
    header = first_row(member)
    return header is not None and (
        _header_kind(header) is not None
        or _not_imported(header) is not None
        or is_list(tuple(header))
    )


def _header_kind(header: Sequence[str]) -> str | None:
    kinds = {DIARY: "diary", REVIEWS: "reviews", RATINGS: "ratings", FILMS: "films"}
    return kinds.get(tuple(header))


def _not_imported(header: Sequence[str]) -> str | None:
    """Why a Letterboxd file with this header is not imported; None if it is no such file."""
    fields = tuple(header)
    if fields in _NOT_IMPORTED:
        return _NOT_IMPORTED[fields]
    if fields[:2] == PROFILE_START:
        return "the profile is not imported"
    return None


@dataclass
class _Film:
    """A film as the reader gathers it; frozen into a PlannedMovie at the end."""

    movie: PlannedMovie
    watches: list[PlannedWatch] = field(default_factory=list)


class _Reader:
    def __init__(self) -> None:
        self.films: list[_Film] = []
        self.by_uri: dict[str, _Film] = {}
        self.by_name: dict[tuple[str, int | None], list[_Film]] = {}
        self.entries: dict[str, tuple[_Film, int]] = {}  # diary URI -> film, watch index
        self.skipped: list[Skipped] = []
        self.ratings: dict[int, float | None] = {}  # id(film) -> ratings.csv rating
        self.read_ratings = False
        self.lists: list[PlannedList] = []

    def skip(self, file: str, line: int | None, reason: str, kind: str) -> None:
        self.skipped.append(Skipped(file, line, reason, kind))

    def film(self, uri: str, name: str, year: int | None) -> _Film | None:
        """The film a watched, ratings or watchlist row names: by its film URI, else by
        (Name, Year) when the film found has no URI of its own (a film only the diary named),
        which then takes this URI."""
        if uri in self.by_uri:
            return self.by_uri[uri]
        found = self.by_title(name, year)
        if found is None or (uri and found.movie.source_key):
            return None
        if uri:
            found.movie = replace(found.movie, source_key=uri)
            self.by_uri[uri] = found
        return found

    def by_title(self, name: str, year: int | None) -> _Film | None:
        """The one film with this (Name, Year), case and accents ignored unless that leaves
        more than one; None when there is none or the pair stays ambiguous."""
        found = self.by_name.get((search_key(name), year), [])
        if len(found) > 1:
            found = [film for film in found if film.movie.title == name]
        return found[0] if len(found) == 1 else None

    def add(self, movie: PlannedMovie) -> _Film:
        film = _Film(movie)
        self.films.append(film)
        if movie.source_key:
            self.by_uri[movie.source_key] = film
        self.by_name.setdefault((search_key(movie.title), movie.year), []).append(film)
        return film

    def plan(self) -> ImportPlan:
        movies = []
        for film in self.films:
            watches = sorted(film.watches, key=_watch_order)
            rating = self.ratings.get(id(film)) if self.read_ratings else _latest_rating(watches)
            movies.append(replace(film.movie, watches=tuple(watches), rating=rating))
        return ImportPlan("letterboxd", tuple(movies), tuple(self.skipped), lists=tuple(self.lists))

    def take_list(self, member: Member) -> None:
        """A list file: the list, each of its films found among the export's (or added,
        Want to Watch, when only the list names it)."""
        planned, skipped = read_list(member)
        self.skipped += skipped
        if planned is None:
            return
        for entry in planned.entries:
            if self.film(entry.source_key, entry.title, entry.year) is None:
                self.add(wanted_film(entry, planned))
        self.lists.append(planned)


def read(members: Sequence[Member]) -> ImportPlan:
    if members and all(_not_imported(first_row(m) or [""]) == NOT_READ_BACK for m in members):
        raise UnreadableExport(
            "The upload holds only the CSV files Movie Tracker writes for Letterboxd's importer "
            "(letterboxd.com/import), which the app does not read back: a row there without a "
            "date only says the film was watched. To move a library into Movie Tracker, import "
            "its Full backup."
        )
    reader = _Reader()
    files: dict[str, list[Member]] = {kind: [] for kind in (*_ORDER, "list")}
    for member in members:
        role = _role(member, reader)
        if role:
            files[role].append(member)
    reader.read_ratings = bool(files["ratings"])
    for role in _ORDER:
        width = len(_HEADERS[role])
        for member in files[role]:
            for row in islice(member_rows(member), 1, None):  # after the header, as read
                if len(row.fields) != width:
                    reader.skip(
                        member.name,
                        row.line,
                        f"line {row.line} has {len(row.fields)} fields, expected {width}",
                        UNREADABLE,
                    )
                    continue
                values = dict(zip(_HEADERS[role], (f.strip() for f in row.fields), strict=True))
                try:
                    _READERS[role](reader, values, member.name, row.line)
                except ValidationError as error:
                    reader.skip(
                        member.name, row.line, f"line {row.line}: {error.message}", UNREADABLE
                    )
    for member in files["list"]:  # last: a list's films are found among the others
        reader.take_list(member)
    return reader.plan()


def _role(member: Member, reader: _Reader) -> str | None:
    """What a member is to the import (diary, watched...), or None after noting the skip."""
    folders = member.parts[:-1]
    for folder in folders:
        if folder in _SKIPPED_FOLDERS:
            reader.skip(member.name, None, _SKIPPED_FOLDERS[folder], DELETED)
            return None
    header = first_row(member) or [""]
    if is_list(tuple(header)):
        return "list"
    kind = _header_kind(header)
    if kind is None:
        reason = _not_imported(header) or "not a Letterboxd export file"
        reader.skip(member.name, None, reason, NOT_IMPORTED)
        return None
    if kind != "films":
        return kind
    stem = member.basename.rsplit(".", 1)[0].lower()
    if "likes" in folders:
        reader.skip(member.name, None, "likes are not imported", NOT_IMPORTED)
        return None
    if stem.startswith("watchlist"):
        return "watchlist"
    if stem.startswith("watched"):
        return "watched"
    reader.skip(
        member.name,
        None,
        "a list of films that is not named watched.csv or watchlist.csv, so it cannot tell "
        "which of the two it is",
        NOT_IMPORTED,
    )
    return None


def _movie(values: dict[str, str], file: str, line: int, status: Status) -> PlannedMovie:
    return PlannedMovie(
        title=_title(values["Name"]),
        year=_year(values["Year"]),
        status=status,
        added_on=_date(values["Date"], "Date"),
        source_key=values["Letterboxd URI"],
        file=file,
        line=line,
    )


def _watched(reader: _Reader, values: dict[str, str], file: str, line: int) -> None:
    movie = _movie(values, file, line, Status.WATCHED)
    if movie.source_key not in reader.by_uri:  # the same film twice: once is enough
        reader.add(movie)


def _diary(reader: _Reader, values: dict[str, str], file: str, line: int) -> None:
    watch = _watch(values, file, line, review="")
    film = _film_for_entry(reader, values, file, line)
    film.watches.append(watch)
    if values["Letterboxd URI"]:
        reader.entries[values["Letterboxd URI"]] = (film, len(film.watches) - 1)


def _reviews(reader: _Reader, values: dict[str, str], file: str, line: int) -> None:
    review = clean_review(values["Review"])
    entry = reader.entries.get(values["Letterboxd URI"]) if values["Letterboxd URI"] else None
    if entry:
        film, index = entry
        film.watches[index] = replace(film.watches[index], review=review)
        return
    watch = _watch(values, file, line, review=review)
    film = _film_for_entry(reader, values, file, line)
    for index, logged in enumerate(film.watches):
        # A review with no URI (a film not on Letterboxd) joins its film's diary entry of
        # the same day that has no review yet.
        if watch.watched_on and logged.watched_on == watch.watched_on and not logged.review:
            film.watches[index] = replace(logged, review=review)
            return
    film.watches.append(watch)


def _ratings(reader: _Reader, values: dict[str, str], file: str, line: int) -> None:
    rating = clean_rating(values["Rating"])
    film = reader.film(values["Letterboxd URI"], _title(values["Name"]), _year(values["Year"]))
    if film is None:
        film = reader.add(_movie(values, file, line, Status.WATCHED))
    reader.ratings[id(film)] = rating


def _watchlist(reader: _Reader, values: dict[str, str], file: str, line: int) -> None:
    movie = _movie(values, file, line, Status.WANT_TO_WATCH)
    film = reader.film(movie.source_key, movie.title, movie.year)
    if film is None:
        reader.add(movie)
    elif film.movie.status is Status.WATCHED:
        reader.skip(
            file, line, f"{movie.title}: already watched, and watched wins", ALREADY_WATCHED
        )


def _film_for_entry(reader: _Reader, values: dict[str, str], file: str, line: int) -> _Film:
    """The film a diary or review row is about: the one film with its (Name, Year), or a
    film of its own when there is none or the pair is ambiguous.

    A film of its own (one not on Letterboxd, which no watched.csv row names) counts as
    added on its earliest entry's Date, the day it was logged: not on the day of the
    import, which would put it above every film in "Date added"."""
    name, year = _title(values["Name"]), _year(values["Year"])
    logged = _date(values["Date"], "Date")
    film = reader.by_title(name, year)
    if film is None:
        movie = PlannedMovie(
            title=name, year=year, added_on=logged, source_key="", file=file, line=line
        )
        film = reader.add(movie)
    elif not film.movie.source_key and logged and logged < (film.movie.added_on or logged):
        film.movie = replace(film.movie, added_on=logged)
    return film  # watched: the watchlist, read last, cannot have made it Want to Watch


def _watch(values: dict[str, str], file: str, line: int, review: str) -> PlannedWatch:
    return PlannedWatch(
        watched_on=_date(values["Watched Date"], "Watched Date"),
        rating=clean_rating(values["Rating"]),
        review=review,
        tags=clean_tags(values["Tags"]),
        rewatch=values["Rewatch"].lower() in _YES,
        file=file,
        line=line,
    )


def _title(text: str) -> str:
    if not text:
        raise ValidationError("title", "the film has no name")
    return text


def _year(text: str) -> int | None:
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise ValidationError("year", f"the year {text!r} is not a year")
    return int(text)


def _date(text: str, column: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError("date", f"the {column} {text!r} is not a YYYY-MM-DD date") from None


def _watch_order(watch: PlannedWatch) -> tuple[date, int]:
    return (watch.watched_on or date.min, watch.line or 0)


def _latest_rating(watches: Sequence[PlannedWatch]) -> float | None:
    """Without ratings.csv, a film's rating is its latest rated watch's."""
    rated = [watch.rating for watch in watches if watch.rating is not None]
    return rated[-1] if rated else None


_HEADERS = {
    "watched": FILMS,
    "watchlist": FILMS,
    "diary": DIARY,
    "reviews": REVIEWS,
    "ratings": RATINGS,
}
_READERS: dict[str, Callable[[_Reader, dict[str, str], str, int], None]] = {
    "watched": _watched,
    "diary": _diary,
    "reviews": _reviews,
    "ratings": _ratings,
    "watchlist": _watchlist,
}
