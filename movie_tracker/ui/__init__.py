"""The pages (Streamlit): SCRIPT is what Streamlit runs for every browser tab on every
rerun; app.py holds the settings, the service and the navigation it runs."""

from pathlib import Path

SCRIPT = Path(__file__).parent / "script" / "run.py"
