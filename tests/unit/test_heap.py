"""The server's long-lived objects are frozen once, after the first page run."""

from __future__ import annotations

from movie_tracker.ui import heap


def test_the_second_page_run_freezes_the_heap_and_no_later_one_does(monkeypatch):
    frozen = []
    monkeypatch.setattr(heap, "_runs_started", 0)
    monkeypatch.setattr(heap.gc, "freeze", lambda: frozen.append(True))

    heap.freeze_after_first_run()
    assert frozen == []  # the first run has still to import and fill what lasts

    heap.freeze_after_first_run()
    heap.freeze_after_first_run()
    assert frozen == [True]
