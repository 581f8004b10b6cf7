"""Pure readers of other services' exports: bytes in, an ImportPlan out; no SQL, no network.

`read_export` takes one upload (a ZIP, a CSV or a JSON file) and `read_exports` several
loose files of one export. The service is recognised from the content (CSV headers, JSON
shapes, the ZIP's member names), never from the upload's file name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import tzinfo

from movie_tracker.importers import backup, imdb, letterboxd, trakt
from movie_tracker.importers._files import unpack
from movie_tracker.importers.plan import (
    ACCEPTED_EXPORTS,
    ALREADY_WATCHED,
    DELETED,
    NOT_A_MOVIE,
    NOT_IMPORTED,
    UNREADABLE,
    ImportPlan,
    PlannedEvent,
    PlannedList,
    PlannedListEntry,
    PlannedMovie,
    PlannedWatch,
    Skipped,
    Summary,
    UnreadableExport,
)

__all__ = [
    "ACCEPTED_EXPORTS",
    "ALREADY_WATCHED",
    "DELETED",
    "NOT_A_MOVIE",
    "NOT_IMPORTED",
    "UNREADABLE",
    "ImportPlan",
    "PlannedEvent",
    "PlannedList",
    "PlannedListEntry",
    "PlannedMovie",
    "PlannedWatch",
    "Skipped",
    "Summary",
    "UnreadableExport",
    "read_export",
    "read_exports",
]

_SOURCES = (
    ("letterboxd", "Letterboxd", letterboxd.sniff),
    ("imdb", "IMDb", imdb.sniff),
    ("trakt", "Trakt", trakt.sniff),
    ("backup", "a Movie Tracker backup", backup.sniff),
)


def read_export(filename: str, data: bytes, *, tz: tzinfo | None = None) -> ImportPlan:
    """The plan for one upload. `filename` is only used to name the file in messages.

    `tz` is the zone a Trakt timestamp's date is read in (UTC when None). Raises
    UnreadableExport, with a message for the person, when the upload cannot be read at all.
    """
    return read_exports([(filename, data)], tz=tz)


def read_exports(files: Sequence[tuple[str, bytes]], *, tz: tzinfo | None = None) -> ImportPlan:
    """The plan for several uploads of one export, such as a Letterboxd export's loose CSVs.

    The uploads together unpack to at most 100 MB (`_files.MAX_UNPACKED_BYTES`).
    """
    members = unpack(files)
    skipped = [
        Skipped(m.name, None, "macOS metadata, not part of the export", NOT_IMPORTED)
        for m in members
        if "__MACOSX" in m.parts
    ]
    members = [m for m in members if "__MACOSX" not in m.parts]
    found = [(source, label) for source, label, sniff in _SOURCES if any(map(sniff, members))]
    names = ", ".join(name for name, _ in files) or "The upload"
    if not found:
        raise UnreadableExport(
            f"{names} is not an export the app can read. It accepts {ACCEPTED_EXPORTS}."
        )
    if len(found) > 1:
        labels = " and ".join(label for _, label in found)
        raise UnreadableExport(
            f"{names} holds files from {labels}; upload each service's export on its own."
        )
    source = found[0][0]
    if source == "letterboxd":
        plan = letterboxd.read(members)
    elif source == "imdb":
        plan = imdb.read(members)
    elif source == "backup":
        plan = backup.read(members)
    else:
        plan = trakt.read(members, tz)
    return replace(plan, skipped=tuple(skipped) + plan.skipped)
