"""The pages' script: what Streamlit runs for every browser tab on every rerun (page
config, then the navigation). streamlit_app.py serves it, with the HTTP routes, as an
st.App; tests and benchmarks run `app.navigation` directly."""

import streamlit as st

from movie_tracker.ui import app

st.set_page_config(page_title=app.TITLE, page_icon="🎬", layout="wide")
app.navigation(app.service_or_stop()).run()
