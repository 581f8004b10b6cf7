"""Render helpers for Import and export: the accepted exports, the upload, the preview of
an import, its progress and outcome, filling in details from OMDb, and the downloads.

Each takes plain data and draws it, or returns what the person chose; none touches the
service or the database. The downloads take the functions that make their bytes, so a
file is made when its button is clicked, never on a rerun of the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from movie_tracker.importers import Skipped
from movie_tracker.service import FillInResult, ImportPreview
from movie_tracker.ui import import_text, list_text, text

MAX_UPLOAD_MB = 50  # as server.maxUploadSize and the importers' own limit
MAX_UNPACKED_MB = 100  # the importers' budget for one upload, all its files unpacked
UPLOAD_TYPES = ["zip", "csv", "json"]
SKIPPED_GROUP_KEY = "import_skipped_group"
EVERY_REASON = "Every reason"

ACCEPTED_EXPORTS = f"""\
The app tells the export apart by what is in it, whatever the file is called.

- **Letterboxd**: the ZIP from *Settings → Data → Export your data*, or the CSV files in it
  (diary, watched, watchlist, ratings, reviews, lists), several at once.
- **IMDb**: a CSV from *Your ratings → Export*, *Watchlist → Export* or a list's *Export*
  (IMDb prepares it under *Exports*).
- **Trakt**: the ZIP from *Settings → Data → Export*, or its JSON files (its lists, and
  the order of its watchlist, come in too).
- **Movie Tracker**: a *Full backup* from Export, below. Into a library without movies it
  restores everything as it was, the Activity too; into one with movies it merges.

Your diary gets what the export records as a viewing: each Letterboxd diary entry (with its
review and its rewatch mark), each Trakt play. A film it only marks as watched or rates
(Letterboxd's watched and ratings files, IMDb, Trakt's ratings) comes in as Watched, with
its rating, and adds nothing to your diary. A list comes in whole, its films in order with
their notes; a list you already have by its name is updated, not doubled, and a film only a
list names comes in as Want to Watch.

Up to {MAX_UPLOAD_MB} MB a file, and {MAX_UNPACKED_MB} MB for all the files of one import
once unpacked. Nothing is written until you press Import.
"""


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its name (for messages), its bytes, and the uploader's id of it."""

    name: str
    data: bytes
    file_id: str


# -- importing ---------------------------------------------------------------------------


def accepted_exports() -> None:
    st.caption(
        "Bring in what you logged elsewhere: a Letterboxd, IMDb or Trakt export, or a Full "
        "backup of this app. You see what it would change before anything is written."
    )
    with st.expander("Which exports can I import, and where do I get them?"):
        st.markdown(ACCEPTED_EXPORTS)


def upload_box(key: str) -> list[Upload]:
    """The uploader: one export, or the loose files of one export, at once."""
    files = st.file_uploader(
        "Export file or files",
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key=key,
        max_upload_size=MAX_UPLOAD_MB,
        help="A ZIP, CSV or JSON export from Letterboxd, IMDb or Trakt, or a Full backup.",
    )
    return [Upload(file.name, file.getvalue(), file.file_id) for file in files]


def import_preview(preview: ImportPreview) -> bool:
    """What importing would add and change; True when "Import" is pressed.

    A file that brings nothing new says so, and offers no Import button.
    """
    st.subheader("Before you import")
    st.caption(import_text.preview_caption(preview))
    if preview.source == "backup":
        st.info(import_text.backup_note(preview))
    added, updated, unchanged = st.columns(3)
    added.metric("Movies to add", preview.movies_to_add)
    updated.metric("Movies to update", preview.movies_to_update)
    unchanged.metric("Movies left as they are", preview.movies_unchanged)
    watches, ratings, reviews, watchlist = st.columns(4)
    watches.metric("Watches to add", preview.watches_to_add)
    ratings.metric("Ratings to add", preview.ratings_to_add)
    reviews.metric("Reviews to add", preview.reviews_to_add)
    watchlist.metric("Watchlist entries to add", preview.watchlist_to_add)
    if lists := list_text.lists_preview(preview):
        st.info(text.escape_markdown(lists))
    skipped_table(preview.skipped, preview.skipped_by_kind)
    if not preview.has_changes:
        st.info(import_text.NOTHING_NEW_TO_IMPORT)
        return False
    return st.button("Import", type="primary", key="import_apply")


def skipped_table(skipped: Sequence[Skipped], by_kind: Sequence[tuple[str, int]]) -> None:
    """What will not be imported: file, line and reason, shown for one reason or all;
    `by_kind` is the preview's (reason, how many), in the order the app lists them."""
    if not skipped:
        return
    counts = dict(by_kind)
    st.subheader(f"Skipped ({len(skipped)})")
    reasons = [EVERY_REASON, *counts]
    chosen = st.selectbox(
        "Show what was skipped for",
        reasons,
        key=SKIPPED_GROUP_KEY,
        format_func=lambda reason: (
            reason if reason == EVERY_REASON else f"{reason.capitalize()} ({counts[reason]})"
        ),
    )
    shown = [item for item in skipped if chosen in (EVERY_REASON, item.kind)]
    st.dataframe(_skipped_frame(shown), hide_index=True, placeholder="–", width="stretch")


def _skipped_frame(skipped: Sequence[Skipped]) -> pd.DataFrame:
    frame: pd.DataFrame = pd.DataFrame(
        {
            "File": pd.Series([item.file for item in skipped], dtype="object"),
            "Line": pd.array([item.line for item in skipped], dtype="Int64"),
            "Why": pd.Series([item.kind.capitalize() for item in skipped], dtype="object"),
            "Reason": pd.Series([item.reason for item in skipped], dtype="object"),
        }
    )
    return frame


def import_progress() -> Callable[[int, int], None]:
    """A progress bar, and the `progress(done, total)` that moves it."""
    bar = st.progress(0.0, text="Importing…")  # until the first movies are written

    def advance(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=import_text.import_progress(done, total))

    return advance


def import_done(message: str, written: int, library_page: st.Page, diary_page: st.Page) -> None:
    """The finished import: its full progress bar, what it did, and where to see it."""
    st.progress(1.0, text=import_text.import_progress(written, written))
    st.success(message)
    library, diary, _ = st.columns([1, 1, 4])
    with library:
        st.page_link(library_page, label="Open the Library", icon=":material/video_library:")
    with diary:
        st.page_link(diary_page, label="Open the Diary", icon=":material/menu_book:")


# -- filling in details ------------------------------------------------------------------


def fill_in_controls(
    missing: int,
    spent: str | None,
    start: Callable[[], None],
    stop: Callable[[], None] | None,
) -> None:
    """ "Fill in details", or "Stop" while it runs (`stop` is None when no run goes on);
    `spent` says why filling in cannot start today (the day's OMDb budget is spent), or is
    None. Stop is heard between two lookups, and what was filled so far stays."""
    if stop is not None:
        st.button("Stop", key="fill_in_stop", on_click=stop, icon=":material/stop:")
        return
    st.caption(import_text.missing_details(missing))
    if missing and spent:
        st.caption(spent)
    if missing:
        st.button("Fill in details", key="fill_in_start", on_click=start, disabled=bool(spent))


def fill_in_progress(tally: FillInResult) -> Callable[[FillInResult], None]:
    """The bar of a fill-in run, and the `advance(tally)` that moves it."""
    bar = st.progress(0.0)

    def advance(tally: FillInResult) -> None:
        looked_up = tally.filled + tally.not_found
        total = looked_up + tally.remaining
        bar.progress(looked_up / total if total else 1.0, text=import_text.fill_in_progress(tally))

    advance(tally)
    return advance


def filled_in(message: str, complete: bool) -> None:
    """What filling in did (plain text: it may quote OMDb's or the database's words)."""
    if complete:
        st.success(text.escape_markdown(message))
    else:
        st.warning(text.escape_markdown(message))


# -- exporting ---------------------------------------------------------------------------


def export_buttons(
    letterboxd: Callable[[], bytes], backup: Callable[[], bytes], names: tuple[str, str]
) -> None:
    """The two downloads, saved as `names` (Letterboxd's, the backup's); each file is made
    when its button is clicked, not when the page is drawn."""
    letterboxd_column, backup_column = st.columns(2)
    with letterboxd_column:
        name = names[0]
        st.download_button(
            "Letterboxd CSVs (ZIP)",
            data=letterboxd,
            file_name=name,
            mime="application/zip",
            on_click="ignore",
            icon=":material/download:",
            key="export_letterboxd",
        )
        st.caption(
            f"{name}: your watches, ratings, reviews and watchlist as CSV files that "
            "Letterboxd's importer reads (letterboxd.com/import)."
        )
    with backup_column:
        name = names[1]
        st.download_button(
            "Full backup",
            data=backup,
            file_name=name,
            mime="application/json",
            on_click="ignore",
            icon=":material/download:",
            key="export_backup",
        )
        st.caption(
            f"{name}: everything in your library. Import it here to restore the library "
            "or move it to another Movie Tracker."
        )
