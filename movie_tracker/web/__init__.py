"""HTTP routes in, served by `streamlit run streamlit_app.py` beside the pages (st.App):

    routes     the routes, each turning what the service refuses into a JSON error
    gate       what every route stands on: the service (shared with the pages), the rate limit
    hooks      POST /hooks/jellyfin|plex|emby/{token}: media servers' webhooks
    payloads   each server's payload read into a Play, or why it is ignored or refused
    api        /api/v1: the personal API, with `Authorization: Bearer <token>`
    shares     GET /share/<secret>(.json): what a share link shows, without signing in
    openapi    the API's OpenAPI document
    bodies     request bodies read within their limit, JSON answers, the rate limits

They parse, authorise and answer; the service does the work. Nothing else in the app
speaks HTTP inbound, and nothing here imports Streamlit or the store.
"""

from movie_tracker.web.gate import Gate
from movie_tracker.web.routes import routes

__all__ = ["Gate", "routes"]
