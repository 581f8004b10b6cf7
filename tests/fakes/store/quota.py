"""FakeQuota: the OMDb requests counted per UTC day, in memory (store.quota).

One count for every owner, as in the database: the dict is made once, and `for_owner`'s
views share it (and the lock) with the library they were made from.
"""

from __future__ import annotations

from datetime import date

from movie_tracker.models import LOCAL_OWNER, Owner
from tests.fakes.store.library import FakeLibrary


class FakeQuota(FakeLibrary):
    def __init__(self, owner: Owner = LOCAL_OWNER) -> None:
        super().__init__(owner)
        self.omdb_requests_by_day: dict[date, int] = {}

    def omdb_requests(self, day: date) -> int:
        with self._lock:
            return self.omdb_requests_by_day.get(day, 0)

    def record_omdb_requests(self, requests: int, day: date) -> int:
        with self._lock:
            self.omdb_requests_by_day[day] = self.omdb_requests_by_day.get(day, 0) + requests
            return self.omdb_requests_by_day[day]
