"""The folder of the pages' script (run.py). It has a folder of its own because Streamlit
takes a `pages/` folder beside the script it runs for pages of their own, and ui/pages/
holds our page modules, which st.navigation serves."""
