"""Activity: what changed in the library, newest first, in plain sentences."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from movie_tracker.service import MovieService
from movie_tracker.ui import text, widgets

SHOWN = 50


def render(service: MovieService, add_page: st.Page) -> None:
    st.title("Activity")
    history = service.recent_activity(SHOWN)
    if not history:
        widgets.no_activity(add_page)
        return
    now = datetime.now(service.timezone)  # older changes are dated in the person's zone
    st.caption(changes_shown(len(history)))
    widgets.activity_list([text.describe_event(event, now) for event in history])


def changes_shown(count: int) -> str:
    """The caption over the list: one change is "the last change", not "the last 1
    changes"."""
    if count == 1:
        return "The last change to your library."
    return f"The last {count} changes to your library, newest first."
