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
at its next Streamlit call; the bar moves after every lookup, so Stop is heard between two
lookups. Each movie filled is stored on its own, so Stop, leaving the page or closing the
tab keeps everything filled so far; coming back to the page goes on with the run.

A click does not wait for the run it interrupts: with `runner.fastReruns` (Streamlit's
default) the session tells the running script to stop at its next Streamlit call and at
once starts a new run, on a thread of its own, for the click. So a lookup on its way when
Stop is pressed is stored after Stop's run has begun; and a write to st.session_state is
such a call, where the old run is stopped before the write is made. The run is therefore
one FillInRun, changed in place under a lock of its own: each lookup is made and counted
holding it (no Streamlit call between the two), and Stop takes it, so Stop waits for the
lookup on its way, counts it, and no lookup starts after Stop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

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


@dataclass
class FillInRun:
    """What filling in has done so far (counts summed over its lookups), and whether it
    goes on with another batch on the next run of its fragment, or ended (or was stopped).

    One object for the whole run, kept in the session and changed in place, its lookups
    and Stop taken in turn (see above). Stop's button is given `stop` itself, so Stop
    reads and writes no session state either."""

    tally: FillInResult
    running: bool = True
    stopped: bool = False
    _turn: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def look_up(self, lookup: Callable[[], FillInResult]) -> None:
        """Make one lookup and count it, unless the run has ended or was stopped."""
        with self._turn:
            if self.running:
                self._count(lookup())

    def stop(self) -> None:
        """End the run once the lookup on its way (if any) is stored and counted."""
        with self._turn:
            self.stopped = self.running
            self.running = False

    def _count(self, one: FillInResult) -> None:
        """Add one lookup's outcome; the run ends when nothing is left to look up, on
        OMDb's limit, the day's budget or an error."""
        tally = self.tally
        self.tally = replace(
            one, filled=tally.filled + one.filled, not_found=tally.not_found + one.not_found
        )
        ended = (
            one.finished
            or one.limit_reached
            or one.budget_reached
            or one.error is not None
            or not one.filled + one.not_found
        )
        self.running = not ended


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
    stop = run.stop if run is not None and run.running else None
    missing = 0 if stop else service.fill_in_details(limit=0).remaining  # looks nothing up
    budget = service.omdb_budget()
    spent = import_text.omdb_budget_spent(budget, service.timezone) if budget.left == 0 else None
    components.fill_in_controls(missing, spent, start=_start(missing), stop=stop)
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
        _fill_in_batch(service, run, _with_lookups_today(service, advance))
        return
    ended = run.tally
    complete = not (run.stopped or ended.limit_reached or ended.budget_reached or ended.error)
    components.filled_in(
        import_text.filled_in_message(ended, run.stopped, service.timezone), complete
    )
    st.caption(import_text.omdb_requests_today(service.omdb_budget()))


def _with_lookups_today(
    service: MovieService, advance: Callable[[FillInResult], None]
) -> Callable[[FillInResult], None]:
    """`advance` that also says, under the bar, how many OMDb lookups today has seen: drawn
    at once and after every lookup, as the fragment's next run may begin before the browser
    shows what was drawn at the end of the last one."""
    today = st.empty()

    def advance_and_count(tally: FillInResult) -> None:
        advance(tally)
        today.caption(import_text.omdb_requests_today(service.omdb_budget()))

    today.caption(import_text.omdb_requests_today(service.omdb_budget()))
    return advance_and_count


def _fill_in_batch(
    service: MovieService, run: FillInRun, advance: Callable[[FillInResult], None]
) -> None:
    """Up to OMDB_BATCH lookups, one at a time, each counted in `run` (the session's) as
    it is stored: moving the bar after each is where Streamlit hears a click (Stop, another
    page)."""

    def lookup() -> FillInResult:
        try:
            return service.fill_in_details(limit=1)
        except StorageError as error:
            return replace(run.tally, filled=0, not_found=0, error=str(error))

    for _ in range(OMDB_BATCH):
        run.look_up(lookup)
        if not run.running:
            st.rerun()  # the whole page: the counts and the button again, the timer gone
        advance(run.tally)


def _start(missing: int) -> Callable[[], None]:
    def start() -> None:
        st.session_state[FILL_IN] = FillInRun(FillInResult(remaining=missing))

    return start
