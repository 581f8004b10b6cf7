"""Render helpers for Connections: the form for a new token, the token shown once with its
address and the steps for its server, the list with last use, and the revoke confirmation.
Plain data in, what the person chose out; none touches the service.

Names are the person's own text: shown with st.text or escaped, never as markdown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import streamlit as st

from movie_tracker.models import API, EMBY, JELLYFIN, KIND_LABELS, PLEX, Token
from movie_tracker.ui import text
from movie_tracker.ui.text import escape_markdown

FORM_KEY = "new_connection"
NAME_KEY = "connection_name"
KIND_KEY = "connection_kind"
USERS_KEY = "connection_users"
REVOKING_KEY = "revoking_token"
LOCAL_ADDRESS = "http://localhost:8501"

SETUP_STEPS = {
    JELLYFIN: (
        "In Jellyfin, open Dashboard → Plugins → Catalog and install **Webhook**; restart.",
        "Dashboard → Plugins → Webhook → **Add Generic Destination**.",
        "Paste the address above into **Webhook Url**; tick **Send All Properties**.",
        "Under Notification Type tick **Playback Stop** (and **User Data Saved** to log a "
        "film you mark as played); under Item Type tick **Movies**. Save.",
    ),
    PLEX: (
        "Webhooks need Plex Pass. In Plex Web, open Settings → your account → **Webhooks**.",
        "Choose **Add Webhook**, paste the address above, and save.",
        "Plex sends every event: a film watched past 90% logs a watch, and rating a film "
        "sets its rating here.",
    ),
    EMBY: (
        "Webhooks need Emby Premiere. In Emby, open Settings → **Notifications** (Webhooks "
        "on older servers) → Add Notification → **Webhooks**.",
        "Paste the address above into **Url**; the request content type may stay as it is.",
        "Under Events tick **Playback → Stop**, limit it to your user if you like, and save.",
    ),
    API: (
        "Send the token as `Authorization: Bearer <token>` to the address above.",
        "GET /api/v1/movies, GET /api/v1/diary, POST /api/v1/watches; the whole API is "
        "described at /api/v1/openapi.json.",
    ),
}


@dataclass(frozen=True)
class NewConnection:
    name: str
    kind: str  # a KIND_LABELS key
    server_users: str = ""


def base_address(url: str | None, headers: Mapping[str, str]) -> str:
    """Where this server answers, for the addresses to paste: the browser's own URL, else
    the request's Host (and X-Forwarded-Proto/Host behind a proxy), else localhost. The
    routes are served at the server's root, so only scheme and host are kept."""
    if url:
        parts = urlsplit(url)
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    lowered = {key.lower(): value for key, value in headers.items()}
    host = lowered.get("x-forwarded-host") or lowered.get("host")
    if not host:
        return LOCAL_ADDRESS
    scheme = (lowered.get("x-forwarded-proto") or "http").split(",")[0].strip()
    return f"{scheme}://{host.split(',')[0].strip()}"


def address_of(base: str, kind: str, secret: str) -> str:
    """What to paste into the server: its webhook address, or the API's root."""
    return f"{base}/api/v1" if kind == API else f"{base}/hooks/{kind}/{secret}"


def new_connection_form() -> NewConnection | None:
    with st.form(FORM_KEY, clear_on_submit=True):
        name = st.text_input("Name", key=NAME_KEY, placeholder="Living room Jellyfin")
        kind = st.selectbox(
            "Kind", list(KIND_LABELS), format_func=KIND_LABELS.__getitem__, key=KIND_KEY
        )
        users = st.text_input(
            "Server users (optional)",
            key=USERS_KEY,
            help="Only plays by these media-server users count, separated by commas. "
            "Leave it empty to count every user's plays.",
        )
        if st.form_submit_button("Make token", type="primary"):
            return NewConnection(name, kind or JELLYFIN, users)
    return None


def new_token(name: str, kind: str, address: str, secret: str) -> None:
    """The token, shown this once, with where to paste it and the steps for its server."""
    st.success(
        f"Made {escape_markdown(name)}. Copy it now: this is the only time it is shown. "
        "Lost it? Revoke it and make another."
    )
    if kind == API:
        st.markdown("**Token**")
        st.code(secret, language=None)
        st.markdown("**API address**")
        st.code(address, language=None)
        st.code(f'curl -H "Authorization: Bearer {secret}" {address}/movies', language="bash")
    else:
        st.markdown(f"**Webhook address for {KIND_LABELS[kind]}**")
        st.code(address, language=None)
    st.markdown("\n".join(f"{n}. {step}" for n, step in enumerate(SETUP_STEPS[kind], 1)))


def token_list(tokens: Sequence[Token], now: datetime) -> int | None:
    """The connections, each with its last use and a Revoke button; the id of the one
    whose button was pressed."""
    if not tokens:
        st.info("No connections yet. Make one above to log plays from a media server.")
        return None
    chosen = None
    for token in tokens:
        with st.container(border=True):
            details, action = st.columns([5, 1])
            details.markdown(f"**{escape_markdown(token.name)}** · {token.label}")
            details.caption(token_summary(token, now))
            if action.button("Revoke", key=f"revoke_{token.id}"):
                chosen = token.id
    return chosen


def token_summary(token: Token, now: datetime) -> str:
    """ "Made 3 Mar 2026 · last used 5 minutes ago · counts anna, ben"."""
    made = f"Made {text.day_month_year(token.created_at.date())}" if token.created_at else "Made"
    used = (
        f"last used {text.time_ago(token.last_used_at, now)}"
        if token.last_used_at
        else "never used"
    )
    parts = [made, used]
    if token.server_users:
        parts.append(f"counts {', '.join(token.server_users)}")
    elif token.kind != API:
        parts.append("counts every user")
    return " · ".join(parts)


def confirm_revoke(token: Token) -> bool | None:
    """True to revoke, False to keep it; None until one is pressed."""
    st.warning(
        f"Revoke {escape_markdown(token.name)}? Its {token.label} "
        f"{'calls' if token.kind == API else 'plays'} are refused from now on; this "
        "cannot be undone."
    )
    yes, no = st.columns(2)
    if yes.button("Revoke it", type="primary", key="revoke_confirm"):
        return True
    if no.button("Keep it", key="revoke_cancel"):
        return False
    return None
