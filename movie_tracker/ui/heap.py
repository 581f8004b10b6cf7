"""The server's long-lived objects, kept out of Python's full garbage collections.

A full collection walks every object the process holds (Streamlit, the app's modules, the
caches' first fills) and holds up the rerun it falls into: the Log a film dialog's one
rerun in a hundred at about 150 ms was that walk (BENCHMARKS.md). What exists once the
first page has run lives as long as the server, so it is frozen (`gc.freeze`) once and
later collections walk only what came after. Frozen objects are still freed when nothing
refers to them; they are only never scanned for cycles.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_runs_started = 0


def freeze_after_first_run() -> None:
    """Called as each page run starts: the second call freezes what the process holds,
    by then every import and everything the first run filled; later calls do nothing."""
    global _runs_started
    if _runs_started > 1:
        return
    with _lock:
        _runs_started += 1
        if _runs_started == 2:
            gc.freeze()
