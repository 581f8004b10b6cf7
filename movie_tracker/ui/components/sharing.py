"""Render helpers for share links: the form that makes one (what to share, the name to show,
whether ratings and notes show), the link shown once, and the links that work, each with
Revoke. Plain data in, what the person chose out; none touches the service.

A section is drawn in more than one place (a list's page, the Connections page): `place`
keeps each one's widgets apart. Names are the person's own text: escaped, never markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from movie_tracker.models import Share
from movie_tracker.ui import share_text, text
from movie_tracker.ui.text import escape_markdown

SUBMIT = "Make link"


@dataclass(frozen=True)
class ShareChoice:
    """One thing the form can share: its kind, its list (for a list), and its label."""

    kind: str
    list_id: int | None
    label: str


@dataclass(frozen=True)
class ShareInput:
    """What the person asked for."""

    kind: str
    list_id: int | None
    display_name: str
    show_ratings: bool
    show_notes: bool


def form_key(place: str) -> str:
    return f"share_{place}"


def share_form(place: str, choices: Sequence[ShareChoice]) -> ShareInput | None:
    """What to share (a choice only when there is more than one), the name to show, and
    whether ratings and notes show; what was chosen when "Make link" is pressed."""
    drawn_with = _choices_drawn(place, choices)
    with st.form(form_key(place), clear_on_submit=True):
        chosen = choices[0]
        if len(choices) > 1:
            index = st.selectbox(
                "What to share",
                range(len(choices)),
                format_func=lambda i: choices[i].label,
                key=f"share_{place}_what",
            )
            chosen = choices[index or 0]
        name = st.text_input(
            "Shared by",
            key=f"share_{place}_name",
            placeholder="A Movie Tracker user",
            help=share_text.NAME_HELP,
        )
        ratings = st.checkbox("Show my ratings", key=f"share_{place}_ratings")
        notes = st.checkbox("Show my notes and reviews", key=f"share_{place}_notes")
        if st.form_submit_button(SUBMIT):
            if drawn_with is not None and drawn_with != tuple(choices):
                st.warning(share_text.CHOICES_CHANGED)
                return None
            return ShareInput(chosen.kind, chosen.list_id, name, ratings, notes)
    return None


def _choices_drawn(place: str, choices: Sequence[ShareChoice]) -> tuple[ShareChoice, ...] | None:
    """The choices the form was last drawn with (None the first time), and keep these. A
    choice is sent back by its place, so a list made or deleted in another tab since would
    make the form share another one: it asks to choose again instead."""
    key = f"share_{place}_choices"
    before = st.session_state.get(key)
    st.session_state[key] = tuple(choices)
    return before


def new_link(share: Share) -> None:
    """The link, shown this once, to copy."""
    what = escape_markdown(share_text.what_is_shared(share))
    st.success(share_text.MADE.format(what=what))
    st.code(share.url or "", language=None)


def share_list(shares: Sequence[Share], place: str) -> int | None:
    """The links that work, each with what it shows and a Revoke button; the id of the one
    whose button was pressed."""
    if not shares:
        st.caption(share_text.NO_SHARES)
        return None
    pressed = None
    for share in shares:
        with st.container(border=True):
            details, action = st.columns([5, 1])
            details.markdown(f"**{escape_markdown(share.label)}**")
            made_on = text.day_month_year(share.created_at.date()) if share.created_at else ""
            details.caption(escape_markdown(share_text.share_summary(share, made_on)))
            if action.button("Revoke", key=f"unshare_{place}_{share.id}"):
                pressed = share.id
    return pressed
