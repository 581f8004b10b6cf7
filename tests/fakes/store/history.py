"""FakeHistory: events, the library version and the hand-over of the local library in
memory (store.history)."""

from __future__ import annotations

from dataclasses import replace

from movie_tracker.models import LOCAL_OWNER, DatePrecision, EventRecord, LibraryEvent
from tests.fakes.store.library import FakeLibrary


class FakeHistory(FakeLibrary):
    def library_version(self) -> int:
        with self._lock:
            return len(self.events) + self._version_offset

    def recent_events(self, limit: int = 50) -> list[LibraryEvent]:
        with self._lock:
            return list(reversed(self.events))[:limit]

    def history(self) -> list[EventRecord]:
        """The events as the database records them: the Activity's fields in `details`."""
        with self._lock:
            return [_record(event) for event in self.events]

    def claim_local_library(self, library_owner: str | None = None) -> bool:
        with self._lock:
            if self.owner.is_local or library_owner not in (None, "", self.owner.key):
                return False
            local = self.for_owner(LOCAL_OWNER)
            if self.movies or self.watches or self.events or not local.movies:
                return False
            version = len(local.events) + local._version_offset + 1
            self.movies, self.watches, self.events = local.movies, local.watches, local.events
            for token_id, (token, hashed) in list(self.all_tokens.items()):
                if token.owner == LOCAL_OWNER:
                    self.all_tokens[token_id] = (replace(token, owner=self.owner), hashed)
            for share_id, (share, hashed) in list(self.all_shares.items()):
                if share.owner == LOCAL_OWNER:
                    self.all_shares[share_id] = (replace(share, owner=self.owner), hashed)
            self.details_checked = local.details_checked
            self.movie_lists, self.watchlist_places = local.movie_lists, local.watchlist_places
            local.movies, local.watches, local.events, local.details_checked = {}, {}, [], {}
            local.movie_lists, local.watchlist_places = {}, {}
            self._version_offset = version - len(self.events)
            local._version_offset = version
            return True


DAY = DatePrecision.DAY


def _record(event: LibraryEvent) -> EventRecord:
    fields = {
        "movie_id": event.movie_id,
        "title": event.title,
        "year": event.year,
        "status": event.status.value if event.status else None,
        "previous_status": event.previous_status.value if event.previous_status else None,
        "rating": event.rating,
        "watched_on": event.watched_on.isoformat() if event.watched_on else None,
        "precision": None if event.watched_precision is DAY else event.watched_precision.value,
        "source": event.source,
        "list_name": event.list_name,
        "previous_name": event.previous_name,
        "position": event.position,
        "shared": event.shared,
        **dict(event.counts),
    }
    details = {key: value for key, value in fields.items() if value is not None}
    status = details.get("status")
    return EventRecord(event.ts, event.name, event.movie_id, event.title, status, details)
