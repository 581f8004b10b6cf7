"""Connections: tokens that let a media server (Jellyfin, Plex, Emby) log plays and a
script use the API; make one (shown once, with its address), see when each was last used,
revoke one; and Sharing: read-only links to your watchlist, diary or a list."""

from __future__ import annotations

from datetime import datetime, timezone

import streamlit as st

from movie_tracker.models import ValidationError
from movie_tracker.service import MovieService, UnknownTokenError
from movie_tracker.ui import widgets
from movie_tracker.ui.components import connections
from movie_tracker.ui.pages import share_links
from movie_tracker.ui.text import escape_markdown

PAGE = "connections"


def render(service: MovieService) -> None:
    st.title("Connections")
    st.caption(
        "Let Jellyfin, Plex or Emby log the films you finish, or a script use the API. "
        "Each connection has its own token; revoke one and it stops working at once."
    )
    widgets.show_flash(PAGE)
    made = connections.new_connection_form()
    if made is not None:
        _make(service, made)
    st.header("Your connections")
    tokens = service.tokens()
    revoking = st.session_state.get(connections.REVOKING_KEY)
    chosen = next((t for t in tokens if t.id == revoking), None)
    if chosen is not None:
        answer = connections.confirm_revoke(chosen)
        if answer is not None:
            st.session_state.pop(connections.REVOKING_KEY, None)
            if answer:
                _revoke(service, chosen.id, chosen.name)
            st.rerun()
    pressed = connections.token_list(tokens, datetime.now(timezone.utc))
    if pressed is not None:
        st.session_state[connections.REVOKING_KEY] = pressed
        st.rerun()
    share_links.everything(service, service.lists(), PAGE)


def _make(service: MovieService, made: connections.NewConnection) -> None:
    try:
        secret = service.create_token(made.name, made.kind, made.server_users)
    except ValidationError as invalid:
        st.error(invalid.message)
        return
    base = connections.base_address(st.context.url, dict(st.context.headers))
    address = connections.address_of(base, made.kind, secret)
    connections.new_token(made.name.strip(), made.kind, address, secret)


def _revoke(service: MovieService, token_id: int, name: str) -> None:
    try:
        service.revoke_token(token_id)
    except UnknownTokenError as gone:
        widgets.flash(PAGE, "warning", str(gone))
        return
    widgets.flash(PAGE, "success", f"Revoked {escape_markdown(name)}: it no longer works.")
