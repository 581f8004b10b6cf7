"""Trakt exports: the official ZIP of JSON files, or its loose JSON files.

Files are told apart by the shape of their items (a play has `watched_at`, a watched film
`plays` or `last_watched_at`, a rating `rated_at`, a list entry `listed_at`), and a list file
is the watchlist when its name says so or its items carry no `my_rating`. Every history item
is a watch, rewatches included; a film watched-movies.json names and the history does not
has one watch, its last play (the only one that file dates); a rating makes a film Watched
with that rating and no watch; ratings 1–10 become stars; the watchlist is Want to Watch,
in the order of its `rank`; UTC timestamps become dates in the zone given. A list's file
(lists-list-<id>-<slug>.json) is a list named as lists-lists.json names that id, its films
by rank with their notes; a film only a list names comes in Want to Watch.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone, tzinfo
from typing import Any

from movie_tracker.importers._files import Member
from movie_tracker.importers.plan import (
    ALREADY_WATCHED,
    NOT_A_MOVIE,
    NOT_IMPORTED,
    UNREADABLE,
    ImportPlan,
    PlannedList,
    PlannedListEntry,
    PlannedMovie,
    PlannedWatch,
    Skipped,
)
from movie_tracker.models import IMDB_ID_PATTERN, Status, search_key

_NUMBERS = re.compile(r"(\d+)", re.ASCII)
_LIST_ID = re.compile(r"list-(\d+)-?([^.]*)", re.ASCII)
_KINDS = ("history", "watched", "ratings", "watchlist")
_NOT_MOVIES = {
    "show": "TV show: not a movie",
    "season": "TV season: not a movie",
    "episode": "TV episode: not a movie",
}


def sniff(member: Member) -> bool:
    return _kind(member, _load(member)) is not None


def _load(member: Member) -> object:
    if member.data.lstrip()[:1] not in (b"[", b"{"):
        return None
    try:
        return json.loads(member.data)
    except (ValueError, RecursionError):
        return None


def _kind(member: Member, content: object) -> str | None:
    """What a JSON file of a Trakt export holds; "other" for files that are not imported."""
    if isinstance(content, dict):
        return "other" if "username" in content else None
    if not isinstance(content, list) or not content:
        return None
    first = content[0]
    if not isinstance(first, dict):
        return None
    if "watched_at" in first:
        return "history"
    if "plays" in first or "last_watched_at" in first:
        return "watched"
    if "rated_at" in first:
        return "ratings"
    if "listed_at" in first:
        name = member.basename.lower()
        if "watchlist" in name:
            return "watchlist"
        if "favorites" in name:
            return "favorites"
        if "list" in name or any("my_rating" in i for i in content):
            return "list"
        return "watchlist"
    if "name" in first and "ids" in first and ("item_count" in first or "privacy" in first):
        return "lists"
    if "privacy" in first or "comment" in first or "collected_at" in first:
        return "other"
    return None


@dataclass
class _Film:
    movie: PlannedMovie
    watches: list[PlannedWatch] = field(default_factory=list)
    last_watched: PlannedWatch | None = None


class _Reader:
    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self.films: dict[tuple[object, ...], _Film] = {}
        self.skipped: list[Skipped] = []
        # ((rank, place in the file), entry) of each watchlist film not watched
        self.watchlist: list[tuple[tuple[object, int], PlannedListEntry]] = []

    def film(self, item: dict[str, Any], file: str, status: Status) -> _Film:
        movie = item["movie"]
        ids = movie.get("ids") or {}
        imdb_id = ids.get("imdb") if IMDB_ID_PATTERN.fullmatch(str(ids.get("imdb"))) else None
        title = str(movie.get("title") or "").strip()
        if not title:
            raise _Unreadable("the movie has no title")
        year = movie.get("year") if isinstance(movie.get("year"), int) else None
        key: tuple[object, ...]
        if imdb_id:
            key = ("imdb", imdb_id)
        elif ids.get("trakt") is not None:
            key = ("trakt", ids["trakt"])
        else:
            key = ("title", search_key(title), year)
        found = self.films.get(key)
        if found is None:
            found = self.films[key] = _Film(
                PlannedMovie(
                    title=title,
                    year=year,
                    imdb_id=imdb_id,
                    status=status,
                    added_on=self.listed_on(item) if status is Status.WANT_TO_WATCH else None,
                    source_key=str(ids.get("slug") or ids.get("trakt") or imdb_id or ""),
                    file=file,
                )
            )
        return found

    def listed_on(self, item: dict[str, Any]) -> date | None:
        """The day a watchlist's or a list's film was put there (`listed_at`): a film first
        met there counts as added then, not at the import's moment; None if unreadable."""
        try:
            return self.day(item.get("listed_at"))
        except _Unreadable:
            return None

    def day(self, text: object) -> date:
        if not isinstance(text, str):
            raise _Unreadable(f"the time {text!r} is not a timestamp")
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise _Unreadable(f"the time {text!r} is not a timestamp") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(self.tz).date()


class _Unreadable(Exception):
    pass


def read(members: Sequence[Member], tz: tzinfo | None = None) -> ImportPlan:
    reader = _Reader(tz or timezone.utc)
    files: dict[str, list[tuple[str, list[Any]]]] = {kind: [] for kind in _KINDS}
    lists: list[tuple[str, list[Any]]] = []
    about: dict[object, dict[str, Any]] = {}  # lists-lists.json's lists, by Trakt id
    for member in sorted(members, key=_natural):
        content = _load(member)
        kind = _kind(member, content)
        if kind in files:
            assert isinstance(content, list)
            files[kind].append((member.name, content))
        elif kind == "list":
            assert isinstance(content, list)
            lists.append((member.name, content))
        elif kind == "lists":
            assert isinstance(content, list)
            about |= {(item.get("ids") or {}).get("trakt"): item for item in content}
        elif kind == "favorites":
            reason = "favorites are not imported"
            reader.skipped.append(Skipped(member.name, None, reason, NOT_IMPORTED))
        elif content != []:
            reason = "not imported" if kind == "other" else "not a Trakt export file"
            reader.skipped.append(Skipped(member.name, None, reason, NOT_IMPORTED))
    for kind in _KINDS:
        for name, items in files[kind]:
            for number, item in enumerate(items, start=1):
                try:
                    _read_item(reader, kind, name, item)
                except (_Unreadable, KeyError, TypeError, AttributeError) as error:
                    why = error if isinstance(error, _Unreadable) else "not a Trakt item"
                    reader.skipped.append(Skipped(name, None, f"item {number}: {why}", UNREADABLE))
    planned_lists = [_list(reader, name, items, about) for name, items in lists]
    movies = []
    for film in reader.films.values():
        watches = film.watches or ([film.last_watched] if film.last_watched else [])
        movies.append(replace(film.movie, watches=tuple(sorted(watches, key=_watch_order))))
    watchlist = tuple(entry for _, entry in sorted(reader.watchlist, key=_by_rank))
    return ImportPlan(
        "trakt",
        tuple(movies),
        tuple(reader.skipped),
        lists=tuple(planned_lists),
        watchlist=watchlist,
    )


def _list(
    reader: _Reader, file: str, items: list[Any], about: dict[object, dict[str, Any]]
) -> PlannedList:
    """A list's file (lists-list-<id>-<slug>.json), named as lists-lists.json names that id
    (else by its slug); its films by rank, each added Want to Watch when no other file of
    the export names it."""
    found = _LIST_ID.search(file.rsplit("/", 1)[-1])
    meta = about.get(int(found.group(1))) if found else None
    slug = (found.group(2) if found else "") or file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    ranked: list[tuple[tuple[object, int], PlannedListEntry]] = []
    for number, item in enumerate(items, start=1):
        try:
            item_type = item.get("type") or ("movie" if "movie" in item else "show")
            if item_type != "movie":
                reason = _NOT_MOVIES.get(item_type, f"{item_type}: not a movie")
                reader.skipped.append(Skipped(file, None, reason, NOT_A_MOVIE))
                continue
            film = reader.film(item, file, Status.WANT_TO_WATCH)
        except (_Unreadable, KeyError, TypeError, AttributeError) as error:
            why = error if isinstance(error, _Unreadable) else "not a Trakt item"
            reader.skipped.append(Skipped(file, None, f"item {number}: {why}", UNREADABLE))
            continue
        ranked.append(((item.get("rank"), number), _entry(film, item.get("notes"))))
    return PlannedList(
        name=str((meta or {}).get("name") or slug.replace("-", " ").strip().capitalize()),
        description=str((meta or {}).get("description") or ""),
        entries=tuple(entry for _, entry in sorted(ranked, key=_by_rank)),
        created_at=_moment((meta or {}).get("created_at")),
        file=file,
    )


def _entry(film: _Film, notes: object) -> PlannedListEntry:
    movie = film.movie
    return PlannedListEntry(
        title=movie.title,
        year=movie.year,
        imdb_id=movie.imdb_id,
        source_key=movie.source_key,
        note=notes if isinstance(notes, str) else "",
        file=movie.file,
    )


def _by_rank(pair: tuple[tuple[object, int], PlannedListEntry]) -> tuple[bool, int, int]:
    """Rank order (Trakt's `rank`), items without a rank last, in the file's order."""
    rank, number = pair[0]
    known = isinstance(rank, int) and not isinstance(rank, bool)
    return (not known, rank if isinstance(rank, int) and known else 0, number)


def _moment(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _read_item(reader: _Reader, kind: str, file: str, item: dict[str, Any]) -> None:
    item_type = item.get("type") or ("movie" if "movie" in item else "show")
    if item_type != "movie":
        reason = _NOT_MOVIES.get(item_type, f"{item_type}: not a movie")
        reader.skipped.append(Skipped(file, None, reason, NOT_A_MOVIE))
        return
    if kind == "watchlist":
        film = reader.film(item, file, Status.WANT_TO_WATCH)
        if film.movie.status is Status.WATCHED:
            reader.skipped.append(
                Skipped(
                    file,
                    None,
                    f"{film.movie.title}: already watched, and watched wins",
                    ALREADY_WATCHED,
                )
            )
        else:  # its rank orders the watchlist
            reader.watchlist.append(((item.get("rank"), len(reader.watchlist)), _entry(film, "")))
        return
    if kind == "history":
        watch = PlannedWatch(watched_on=reader.day(item["watched_at"]), file=file)
        reader.film(item, file, Status.WATCHED).watches.append(watch)
    elif kind == "watched":
        last = PlannedWatch(watched_on=reader.day(item["last_watched_at"]), file=file)
        reader.film(item, file, Status.WATCHED).last_watched = last
    else:
        rating = item["rating"]
        if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 10:
            raise _Unreadable(f"the rating {rating!r} is not a whole number from 1 to 10")
        rated_on = reader.day(item["rated_at"])
        film = reader.film(item, file, Status.WATCHED)
        film.movie = replace(film.movie, rating=rating / 2, added_on=rated_on)


def _natural(member: Member) -> list[object]:
    """Names in human order, so watched-history-10.json comes after watched-history-2.json."""
    parts = _NUMBERS.split(member.name)
    return [int(part) if index % 2 else part for index, part in enumerate(parts)]


def _watch_order(watch: PlannedWatch) -> date:
    return watch.watched_on or date.min
