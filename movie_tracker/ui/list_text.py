"""The sentences of lists and the watchlist's order, made from plain data: a list's sums,
the Activity's lines for list changes, and what an import does to lists. No Streamlit
here: unit tested alone (ui/text.py holds the other pages' sentences)."""

from __future__ import annotations

from collections.abc import Callable

from movie_tracker import events
from movie_tracker.models import LibraryEvent, MovieList
from movie_tracker.service import ImportPreview, ImportResult


def _count(count: int, one: str, many: str) -> str:
    return f"1 {one}" if count == 1 else f"{count:,} {many}"


def runtime_total(minutes: int) -> str:
    """ "20 h 15 min", "2 h", "45 min"."""
    hours, rest = divmod(max(0, minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours:,} h {rest} min" if rest else f"{hours:,} h"


def list_summary(kept: MovieList) -> str:
    """ "12 films · 5 watched · 20 h 15 min (3 without a runtime)"."""
    parts = [_count(kept.films, "film", "films"), f"{kept.watched:,} watched"]
    if kept.films:
        runtime = runtime_total(kept.runtime_minutes)
        if kept.without_runtime:
            runtime += f" ({_count(kept.without_runtime, 'film', 'films')} without a runtime)"
        parts.append(runtime)
    return " · ".join(parts)


def watchlist_place(place: int, total: int) -> str:
    return f"Number {place:,} of {total:,} in your watchlist's order."


def in_lists(names: list[str]) -> str:
    if not names:
        return "Not in any of your lists yet."
    return "In your lists: " + ", ".join(f"“{name}”" for name in names) + "."


# -- the Activity ------------------------------------------------------------------------


def _named(event: LibraryEvent) -> str:
    return f"“{event.list_name or 'a list'}”"


def _made(event: LibraryEvent) -> str:
    return f"Made the list {_named(event)}"


def _renamed(event: LibraryEvent) -> str:
    return f"Renamed the list “{event.previous_name or 'a list'}” to {_named(event)}"


def _described(event: LibraryEvent) -> str:
    return f"Changed the description of {_named(event)}"


def _deleted(event: LibraryEvent) -> str:
    return f"Deleted the list {_named(event)}"


def _added(event: LibraryEvent) -> str:
    return f"Added {event.movie_label} to {_named(event)}"


def _removed(event: LibraryEvent) -> str:
    return f"Took {event.movie_label} out of {_named(event)}"


def _noted(event: LibraryEvent) -> str:
    return f"Changed the note on {event.movie_label} in {_named(event)}"


def _moved(event: LibraryEvent) -> str:
    return f"Moved {event.movie_label} to number {event.position} in {_named(event)}"


def _ranked(event: LibraryEvent) -> str:
    return f"Moved {event.movie_label} to number {event.position} in your watchlist's order"


LIST_EVENT_SENTENCES: dict[str, Callable[[LibraryEvent], str]] = {
    events.LIST_CREATED: _made,
    events.LIST_RENAMED: _renamed,
    events.LIST_DESCRIBED: _described,
    events.LIST_DELETED: _deleted,
    events.LIST_FILM_ADDED: _added,
    events.LIST_FILM_REMOVED: _removed,
    events.LIST_NOTE_CHANGED: _noted,
    events.LIST_REORDERED: _moved,
    events.WATCHLIST_REORDERED: _ranked,
}


# -- imports -----------------------------------------------------------------------------


def lists_preview(preview: ImportPreview) -> str | None:
    """What the import does to lists and the watchlist's order; None when nothing."""
    parts = []
    if preview.lists_to_add or preview.lists_to_update:
        made = _count(preview.lists_to_add, "new list", "new lists")
        changed = _count(preview.lists_to_update, "list", "lists")
        entries = _count(preview.list_entries_to_add, "film", "films")
        parts.append(
            f"Lists: {made}, and {changed} you already have by name updated (never doubled); "
            f"{entries} put in them."
        )
    if preview.films_only_in_lists:
        only = _count(
            preview.films_only_in_lists, "film only a list names", "films only a list names"
        )
        parts.append(f"{only} come in as Want to Watch.")
    if preview.reorders_watchlist:
        parts.append("Your watchlist takes the order this file gives it, its films first.")
    return " ".join(parts) or None


def lists_imported(result: ImportResult) -> str:
    """The lists part of the message after an import; "" when it touched no list."""
    if not (result.lists_added or result.lists_updated):
        return ""
    made = _count(result.lists_added, "list", "lists")
    return (
        f" {made} made and {result.lists_updated:,} updated, with "
        f"{_count(result.list_entries_added, 'film', 'films')} put in them."
    )
