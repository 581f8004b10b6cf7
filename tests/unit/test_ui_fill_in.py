"""A run of "Fill in details" (FillInRun, ui/pages/import_export.py) when Stop is pressed
during a lookup. Streamlit's fast reruns (its default) run the click at once on a thread
of its own while the run it stops finishes the lookup on its way: Stop must wait for that
lookup, count it, and let no other lookup start."""

from __future__ import annotations

import threading
from types import TracebackType

import pytest

from movie_tracker.service import FillInResult
from movie_tracker.ui.pages.import_export import FillInRun

WAIT = 10  # seconds: only a broken Stop, which never asks for the run's turn, waits this long


class WatchedTurns:
    """The run's lock, telling the test how many have asked for it (taken or waiting)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._asked = threading.Condition()
        self.asks = 0

    def __enter__(self) -> None:
        with self._asked:
            self.asks += 1
            self._asked.notify_all()
        self._lock.acquire()

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._lock.release()

    def wait_for(self, asks: int) -> bool:
        with self._asked:
            return self._asked.wait_for(lambda: self.asks >= asks, WAIT)


def test_stop_pressed_during_a_lookup_waits_for_it_and_counts_it():
    turns = WatchedTurns()
    run = FillInRun(FillInResult(not_found=4, remaining=3), _turn=turns)  # type: ignore[arg-type]
    seen: list[tuple[FillInResult, bool, bool]] = []

    def stop_pressed() -> None:  # Stop's run, on its own thread: what its message shows
        run.stop()
        seen.append((run.tally, run.running, run.stopped))

    stop = threading.Thread(target=stop_pressed)

    def lookup() -> FillInResult:  # on its way, and stored, when Stop is pressed
        stop.start()
        assert turns.wait_for(2), "Stop did not wait for the lookup on its way"
        return FillInResult(not_found=1, remaining=2)

    run.look_up(lookup)
    stop.join()

    assert seen == [(FillInResult(not_found=5, remaining=2), False, True)]


def test_no_lookup_starts_after_stop():
    run = FillInRun(FillInResult(remaining=3))
    run.stop()
    run.look_up(lambda: pytest.fail("a lookup after Stop"))
    assert (run.tally, run.running, run.stopped) == (FillInResult(remaining=3), False, True)


def test_stop_after_the_last_lookup_leaves_the_run_ended_not_stopped():
    run = FillInRun(FillInResult(remaining=1))
    run.look_up(lambda: FillInResult(filled=1, remaining=0))
    run.stop()
    assert (run.tally, run.running, run.stopped) == (FillInResult(filled=1), False, False)
