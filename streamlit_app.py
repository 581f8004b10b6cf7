"""Movie Tracker's entry point: `streamlit run streamlit_app.py`."""

import streamlit as st

from movie_tracker.ui import app

st.set_page_config(page_title=app.TITLE, page_icon="🎬", layout="wide")
app.navigation(app.service_or_stop()).run()
