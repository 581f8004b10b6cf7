"""Movie Tracker's entry point: `streamlit run streamlit_app.py` serves the pages (the
script movie_tracker/ui/script/run.py) and, in the same process, the HTTP routes of
movie_tracker/web: the media servers' webhooks, the personal API and the share links."""

import streamlit as st

from movie_tracker import ui, web
from movie_tracker.service import MovieService


def shared_service() -> MovieService:
    """The service the pages use, for the routes: one engine per process. Imported on the
    first request, once Streamlit's runtime is up (the pages' caches are made with it)."""
    from movie_tracker.ui import app as pages

    return pages.shared_service()


app = st.App(ui.SCRIPT, routes=web.routes(shared_service))
