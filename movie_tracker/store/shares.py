"""Share links: the read-only links an owner made to their watchlist, a list or their diary.

Every statement here is scoped by the owner but one: `share_by_secret_any_owner`, which
finds whose link a secret is (the store's second unscoped lookup, beside
connections.token_by_secret_any_owner; see its docstring for why it is safe). Making and
revoking a link each write their event (share.created, share.revoked) and the owner's new
library version in the change's transaction. A list's links go with the list (ON DELETE
CASCADE): a deleted list's link stops working.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, insert, select

from movie_tracker import events
from movie_tracker.models import Owner, Share
from movie_tracker.store.library import Library
from movie_tracker.store.queries import record_change
from movie_tracker.store.rows import parse_ts
from movie_tracker.store.tables import lists, shares


class Shares(Library):
    """One owner's share links."""

    def add_share(
        self,
        kind: str,
        list_id: int | None,
        secret_hash: str,
        display_name: str = "",
        show_ratings: bool = False,
        show_notes: bool = False,
    ) -> Share | None:
        """Keep a new link (its fields already clean; only the secret's hash is stored).
        None when `list_id` names no list of the owner's."""
        values = {
            "owner": self._key,
            "kind": kind,
            "list_id": list_id,
            "secret_hash": secret_hash,
            "display_name": display_name,
            "show_ratings": show_ratings,
            "show_notes": show_notes,
            "created_at": _now().isoformat(timespec="seconds"),
        }
        with self._storage("make a share link"), self._writing() as conn:
            if list_id is not None:
                owned = select(lists.c.id).where(lists.c.id == list_id, lists.c.owner == self._key)
                if conn.execute(owned).first() is None:
                    return None
            made = conn.execute(insert(shares).values(values).returning(shares.c.id))
            row = _share_row(conn, made.scalar_one(), self._key)
            assert row is not None  # inserted just now, in this transaction
            share = share_from_row(row)
            event = _event(events.SHARE_CREATED, share)
            record_change(conn, self._key, event)
        self._emit(event)
        return share

    def shares(self) -> list[Share]:
        """The owner's links that still work, newest first."""
        query = (
            _with_list_name()
            .where(shares.c.owner == self._key, shares.c.revoked_at.is_(None))
            .order_by(shares.c.id.desc())
        )
        with self._storage("read your share links"), self._reading() as conn:
            return [share_from_row(row) for row in conn.execute(query).mappings()]

    def revoke_share(self, share_id: int) -> Share | None:
        """Stop a link working, for good; None when the owner has no such working link."""
        with self._storage("revoke a share link"), self._writing() as conn:
            row = _share_row(conn, share_id, self._key)
            if row is None or row["revoked_at"] is not None:
                return None
            revoked = _now().isoformat(timespec="seconds")
            conn.execute(
                shares.update()
                .where(shares.c.id == share_id, shares.c.owner == self._key)
                .values(revoked_at=revoked)
            )
            share = share_from_row({**row, "revoked_at": revoked})
            event = _event(events.SHARE_REVOKED, share)
            record_change(conn, self._key, event)
        self._emit(event)
        return share

    def share_by_secret_any_owner(self, secret_hash: str) -> Share | None:
        """The working link whose secret has this hash, whoever made it; None for an
        unknown or revoked secret, alike (and for a deleted list's, which is gone).

        The store's second query not scoped by this library's owner (the first is
        connections.token_by_secret_any_owner): whoever opens a share link says whose it is
        only by its secret, so the owner is what this finds. It is safe for the same
        reasons: the secret is 256 random bits only the maker was shown, the database keeps
        its SHA-256 (unique), the hash found is compared again in constant time, and the
        link found carries its owner, which every read of what it shows is scoped by
        (`service.for_owner(share.owner)`), and only what its kind names is read.
        """
        query = _with_list_name().where(shares.c.secret_hash == secret_hash)
        with self._storage("open a share link"), self._reading() as conn:
            row: Mapping[Any, Any] | None = conn.execute(query).mappings().first()
        if row is None or row["revoked_at"] is not None:
            return None
        if not hmac.compare_digest(str(row["secret_hash"]), secret_hash):
            return None
        return share_from_row(row)


def share_from_row(row: Mapping[Any, Any]) -> Share:
    return Share(
        id=row["id"],
        owner=Owner(row["owner"]),
        kind=row["kind"],
        list_id=row["list_id"],
        list_name=row["list_name"],
        display_name=row["display_name"],
        show_ratings=bool(row["show_ratings"]),
        show_notes=bool(row["show_notes"]),
        created_at=parse_ts(row["created_at"]),
        revoked_at=parse_ts(row["revoked_at"]),
    )


def _with_list_name() -> Any:
    return select(shares, lists.c.name.label("list_name")).select_from(
        shares.outerjoin(lists, lists.c.id == shares.c.list_id)
    )


def _share_row(conn: Connection, share_id: int, owner: str) -> Mapping[Any, Any] | None:
    query = _with_list_name().where(shares.c.id == share_id, shares.c.owner == owner)
    return conn.execute(query).mappings().first()


def _event(name: str, share: Share) -> events.Event:
    return events.Event.create(
        name,
        logging.INFO,
        share_id=share.id,
        shared=share.kind,
        list_id=share.list_id,
        list_name=share.list_name,
    )


def _now() -> datetime:
    return datetime.now(timezone.utc)
