"""Import and export: bring in a Letterboxd, IMDb or Trakt export (or a backup) after a
preview of what it would change, fill in details from OMDb, and download the library."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import streamlit as st

from movie_tracker.service import (
    ENABLE_LOOKUPS_HINT,
    OMDB_BATCH,
    FillInResult,
    ImportPreview,
    ImportResult,
    MovieService,
    StorageError,
    UnreadableExport,
)
from movie_tracker.ui import text
from movie_tracker.ui.components import import_export as components
from movie_tracker.ui.components.import_export import Upload

UPLOAD_ROUND = "import_upload_round"  # a new round is a new, empty uploader
PREVIEW = "import_preview"  # ((file ids, library version), the preview or why there is none)
DONE = "import_done"  # what the last import did, shown once after it
FILL_IN = "fill_in"  # this session's run of "Fill in details": a FillInRun


@dataclass(frozen=True)
class FillInRun:
    """What filling in has done so far (counts summed over its batches), and whether it
    goes on with another batch on the next run of the page or was stopped."""

    tally: FillInResult
    running: bool = True
    stopped: bool = False


def render(service: MovieService, library_page: st.Page, diary_page: st.Page) -> None:
    st.title("Import and export")
    st.header("Import")
    components.accepted_exports()
    done: ImportResult | None = st.session_state.pop(DONE, None)
    if done is not None:
        written = done.movies_added + done.movies_updated
        components.import_done(text.imported_message(done), written, library_page, diary_page)
    uploads = components.upload_box(f"import_upload_{st.session_state.get(UPLOAD_ROUND, 0)}")
    if uploads:
        _preview_and_import(service, uploads)
    st.header("Fill in details from OMDb")
    _fill_in(service)
    st.header("Export")
    components.export_buttons(
        service.export_letterboxd, service.export_backup, service.export_filenames()
    )


def _preview_and_import(service: MovieService, uploads: Sequence[Upload]) -> None:
    preview = _preview(service, uploads)
    if isinstance(preview, str):
        st.error(text.escape_markdown(preview))
    elif components.import_preview(preview):
        _import(service, preview)


def _preview(service: MovieService, uploads: Sequence[Upload]) -> ImportPreview | str:
    """The uploads' preview against the library as it is; kept for the session until the
    uploads or the library change, so a rerun does not read the files again."""
    key = (tuple(upload.file_id for upload in uploads), service.library_version())
    kept: tuple[object, ImportPreview | str] | None = st.session_state.get(PREVIEW)
    if kept is not None and kept[0] == key:
        return kept[1]
    preview: ImportPreview | str
    try:
        preview = service.preview_import_files([(u.name, u.data) for u in uploads])
    except UnreadableExport as error:
        preview = error.message
    except StorageError as error:
        return str(error)  # not kept: the library may open again on the next try
    st.session_state[PREVIEW] = (key, preview)
    return preview


def _import(service: MovieService, preview: ImportPreview) -> None:
    """Write the preview, all of it or (on an error) none of it, and start a new upload."""
    try:
        result = service.run_import(preview, components.import_progress())
    except StorageError as error:
        st.error(text.escape_markdown(str(error)))
        return
    state = st.session_state
    state[DONE] = result
    state[UPLOAD_ROUND] = state.get(UPLOAD_ROUND, 0) + 1
    state.pop(PREVIEW, None)
    st.rerun()


def _fill_in(service: MovieService) -> None:
    """One batch of lookups a run while filling in goes on, so Stop is heard in between."""
    if not service.lookups_enabled:
        st.info(ENABLE_LOOKUPS_HINT)
        return
    run: FillInRun | None = st.session_state.get(FILL_IN)
    running = run is not None and run.running
    missing = 0 if running else service.fill_in_details(limit=0).remaining  # looks nothing up
    components.fill_in_controls(missing, running, start=_start(missing), stop=_stop)
    if run is None:
        return
    components.fill_in_progress(run.tally)
    if run.running:
        _fill_in_batch(service, run)
    else:
        ended = run.tally
        complete = not (run.stopped or ended.limit_reached or ended.error)
        components.filled_in(text.filled_in_message(ended, run.stopped), complete)


def _fill_in_batch(service: MovieService, run: FillInRun) -> None:
    try:
        batch = service.fill_in_details(limit=OMDB_BATCH)
    except StorageError as error:
        batch = replace(run.tally, filled=0, not_found=0, error=str(error))
    tally = replace(
        batch,
        filled=run.tally.filled + batch.filled,
        not_found=run.tally.not_found + batch.not_found,
    )
    looked_up = batch.filled + batch.not_found
    ended = batch.finished or batch.limit_reached or batch.error is not None or not looked_up
    st.session_state[FILL_IN] = FillInRun(tally, running=not ended)
    st.rerun()


def _start(missing: int) -> Callable[[], None]:
    def start() -> None:
        st.session_state[FILL_IN] = FillInRun(FillInResult(remaining=missing))

    return start


def _stop() -> None:
    """Stop is drawn only while a run goes on, so there is one to stop."""
    st.session_state[FILL_IN] = replace(st.session_state[FILL_IN], running=False, stopped=True)
