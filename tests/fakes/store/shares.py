"""FakeShares: share links in memory (store.shares): every owner's in one dict, as one
table holds them, so a secret finds its maker."""

from __future__ import annotations

import hmac
from dataclasses import replace

from movie_tracker.models import LibraryEvent, Share
from movie_tracker.store import StorageError
from tests.fakes.store.library import FakeLibrary, now


class FakeShares(FakeLibrary):
    def add_share(
        self,
        kind: str,
        list_id: int | None,
        secret_hash: str,
        display_name: str = "",
        show_ratings: bool = False,
        show_notes: bool = False,
    ) -> Share | None:
        with self._lock:
            if list_id is not None and list_id not in self.movie_lists:
                return None
            if any(hashed == secret_hash for _, hashed in self.all_shares.values()):
                raise StorageError("Could not make a share link: that secret is taken.")
            share = Share(
                id=next(self._share_ids),
                owner=self.owner,
                kind=kind,
                list_id=list_id,
                display_name=display_name,
                show_ratings=show_ratings,
                show_notes=show_notes,
                created_at=now(),
            )
            self.all_shares[share.id] = (share, secret_hash)
            share = self._live(share)
            assert share is not None  # made just now
            self._log_share("share.created", share)
            return share

    def shares(self) -> list[Share]:
        with self._lock:
            mine = [self._live(s) for s, _ in self.all_shares.values() if s.owner == self.owner]
            return sorted((s for s in mine if s is not None), key=lambda s: -s.id)

    def revoke_share(self, share_id: int) -> Share | None:
        with self._lock:
            share, hashed = self.all_shares.get(share_id, (None, ""))
            live = self._live(share) if share is not None else None
            if live is None or live.owner != self.owner:
                return None
            revoked = replace(live, revoked_at=now())
            self.all_shares[share_id] = (revoked, hashed)
            self._log_share("share.revoked", revoked)
            return revoked

    def share_by_secret_any_owner(self, secret_hash: str) -> Share | None:
        with self._lock:
            for share, hashed in self.all_shares.values():
                if hmac.compare_digest(hashed, secret_hash):
                    return self._live(share)
            return None

    def _live(self, share: Share) -> Share | None:
        """The link as it is now: None when revoked, or when its list was deleted (the
        database's ON DELETE CASCADE takes the link with it); a list's name as it is now."""
        if share.revoked_at is not None:
            return None
        if share.list_id is None:
            return share
        kept = self.for_owner(share.owner).movie_lists.get(share.list_id)
        return replace(share, list_name=kept.name) if kept is not None else None

    def _log_share(self, name: str, share: Share) -> None:
        self.events.append(
            LibraryEvent(
                id=len(self.events) + 1,
                name=name,
                ts=now(),
                list_name=share.list_name,
                shared=share.kind,
            )
        )
