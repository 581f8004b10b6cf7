"""Import and export: bring in a Letterboxd, IMDb or Trakt export (or a backup) after a
preview of what it would change, fill in details from OMDb, and download the library.

Filling in runs in a fragment (`st.fragment`), ten lookups a run, that Streamlit reruns on
its own every FILL_IN_TICK seconds while a run goes on (`run_every`), so the rest of the
page is neither redrawn nor held up. Streamlit 1.67 refuses `st.rerun(scope="fragment")`
from a fragment running inside a full run of the page (commands/execution_control.py), and
the first batch runs in one, so the fragment is rerun by its timer instead. Its progress is
drawn after the rest of the page, in a container kept in its place, so a full run (another
click) draws everything before it looks anything up. Start and Stop are outside the
fragment: a click on them is a full run, which Streamlit lets interrupt a fragment's run
at its next element; the bar moves after every lookup, so Stop is heard between two
lookups. Each movie filled is stored on its own, so Stop, leaving the page or closing the
tab keeps everything filled so far; coming back to the page goes on with the run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

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
from movie_tracker.ui import import_text, text
from movie_tracker.ui.components import import_export as components
from movie_tracker.ui.components.import_export import Upload

UPLOAD_ROUND = "import_upload_round"  # a new round is a new, empty uploader
PREVIEW = "import_preview"  # ((file ids, library version), the preview or why there is none)
DONE = "import_done"  # what the last import did, shown once after it
FILL_IN = "fill_in"  # this session's run of "Fill in details": a FillInRun
FILL_IN_TICK = 0.5  # seconds from one batch of lookups to the next, at the most


@dataclass(frozen=True)
class FillInRun:
    """What filling in has done so far (counts summed over its lookups), and whether it
    goes on with another batch on the next run of its fragment, or ended (or was stopped)."""

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
        components.import_done(
            import_text.imported_message(done), written, library_page, diary_page
        )
    uploads = components.upload_box(f"import_upload_{st.session_state.get(UPLOAD_ROUND, 0)}")
    if uploads:
        _preview_and_import(service, uploads)
    st.header("Fill in details from OMDb")
    progress = _fill_in_controls(service)
    st.header("Export")
    components.export_buttons(
        service.export_letterboxd, service.export_backup, service.export_filenames()
    )
    if progress is not None:
        with progress:
            _fill_in(service)


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


def _fill_in_controls(service: MovieService) -> DeltaGenerator | None:
    """What lacks details and the button that starts (or stops) filling in; the place
    where filling in shows its progress, or None when lookups are off."""
    if not service.lookups_enabled:
        st.info(ENABLE_LOOKUPS_HINT)
        return None
    run: FillInRun | None = st.session_state.get(FILL_IN)
    running = run is not None and run.running
    missing = 0 if running else service.fill_in_details(limit=0).remaining  # looks nothing up
    budget = service.omdb_budget()
    spent = import_text.omdb_budget_spent(budget, service.timezone) if budget.left == 0 else None
    components.fill_in_controls(missing, running, spent, start=_start(missing), stop=_stop)
    return st.container()


def _fill_in(service: MovieService) -> None:
    """The fragment, rerun by its timer while filling in goes on."""
    run: FillInRun | None = st.session_state.get(FILL_IN)
    if run is not None:
        st.fragment(_fill_in_run, run_every=FILL_IN_TICK if run.running else None)(service)


def _fill_in_run(service: MovieService) -> None:
    """One batch of lookups while filling in goes on; what it did once it has ended."""
    run: FillInRun = st.session_state[FILL_IN]
    advance = components.fill_in_progress(run.tally)
    if run.running:
        _fill_in_batch(service, run, advance)
    else:
        ended = run.tally
        complete = not (run.stopped or ended.limit_reached or ended.budget_reached or ended.error)
        components.filled_in(
            import_text.filled_in_message(ended, run.stopped, service.timezone), complete
        )
    st.caption(import_text.omdb_requests_today(service.omdb_budget()))


def _fill_in_batch(
    service: MovieService, run: FillInRun, advance: Callable[[FillInResult], None]
) -> None:
    """Up to OMDB_BATCH lookups, one at a time, each kept in the session as it is made:
    moving the bar after each is where Streamlit hears a click (Stop, another page)."""
    tally = run.tally
    for _ in range(OMDB_BATCH):
        try:
            one = service.fill_in_details(limit=1)
        except StorageError as error:
            one = replace(tally, filled=0, not_found=0, error=str(error))
        tally = replace(
            one, filled=tally.filled + one.filled, not_found=tally.not_found + one.not_found
        )
        ended = (
            one.finished
            or one.limit_reached
            or one.budget_reached
            or one.error is not None
            or not one.filled + one.not_found
        )
        st.session_state[FILL_IN] = FillInRun(tally, running=not ended)
        if ended:
            st.rerun()  # the whole page: the counts and the button again, the timer gone
        advance(tally)


def _start(missing: int) -> Callable[[], None]:
    def start() -> None:
        st.session_state[FILL_IN] = FillInRun(FillInResult(remaining=missing))

    return start


def _stop() -> None:
    """Stop is drawn only while a run goes on, so there is one to stop."""
    st.session_state[FILL_IN] = replace(st.session_state[FILL_IN], running=False, stopped=True)
