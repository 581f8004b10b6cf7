"""The library's tables, as the newest Alembic revision leaves them.

Every table of library data has an `owner` column: each person's rows, and the local
library's (the one kept without sign-in, `LOCAL_OWNER`). Every index a page reads through
starts with it. The one table without an owner is `omdb_requests`: OMDb's key is the
deployment's, so its requests are counted for everyone together.

`lists` and `list_entries` hold a person's lists; `watchlist_order` the order they gave
their Want to Watch films (store/orders.py says how it is read and kept); `shares` the
share links they made (store/shares.py).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    false,
)

from movie_tracker.models import LOCAL_OWNER

metadata = MetaData()
movies = Table(
    "movies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", Text, nullable=False, server_default=LOCAL_OWNER.key),
    Column("title", Text, nullable=False),
    Column("director", Text),
    Column("genre", Text),
    Column("status", Text, nullable=False),
    Column("imdb_id", Text),
    Column("poster_url", Text),
    Column("date_added", Text, nullable=False),
    Column("year", Integer),
    Column("search_key", Text),
    Column("rating", Float),
    Column("runtime_minutes", Integer),
    Column("plot", Text),
    Column("actors", Text),
    Column("imdb_rating", Float),
    Column("language", Text),
    Column("country", Text),
    Column("genre_key", Text),
    Column("details_checked_on", Text),  # the day OMDb was asked for missing details
    sqlite_autoincrement=True,
)
MOVIE_INDEXES = (
    Index("ux_movies_owner_imdb_id", movies.c.owner, movies.c.imdb_id, unique=True),
    Index("ix_movies_owner_status", movies.c.owner, movies.c.status),
    Index("ix_movies_owner_date_added", movies.c.owner, movies.c.date_added),
)
event_rows = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", Text, nullable=False, server_default=LOCAL_OWNER.key),
    Column("ts", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("movie_id", Integer),
    Column("title", Text),
    Column("status", Text),
    Column("details", Text, nullable=False),
    Index("ix_events_movie_id", "movie_id"),
    Index("ix_events_owner_id", "owner", "id"),
    sqlite_autoincrement=True,
)
watches = Table(
    "watches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", Text, nullable=False, server_default=LOCAL_OWNER.key),
    Column("movie_id", Integer, ForeignKey("movies.id", ondelete="CASCADE"), nullable=False),
    Column("watched_on", Text),  # 'YYYY-MM-DD', or NULL when not known: the placing day
    # how much of the date is known: 'day', 'month' or 'year' (placed at the month's or the
    # year's last day); the text sorts day < month < year (revision 0011)
    Column("watched_precision", Text, nullable=False, server_default="day"),
    Column("rating", Float),
    Column("review", Text, nullable=False, server_default=""),
    Column("tags", Text, nullable=False, server_default="[]"),  # a JSON list
    Column("rewatch", Boolean, nullable=False, server_default=false()),
    # the file said the person had seen the film before this entry (Letterboxd's Rewatch)
    Column("seen_before", Boolean, nullable=False, server_default=false()),
    Column("logged_at", Text, nullable=False),
    Column("token_id", Integer),  # the connection that logged it (a webhook, the API)
    Index("ix_watches_owner_watched_on", "owner", "watched_on", "watched_precision", "id"),
    Index("ix_watches_movie_id", "movie_id", "watched_on", "watched_precision"),
    sqlite_autoincrement=True,
)
library_versions = Table(  # one row per owner that ever changed their library
    "library_versions",
    metadata,
    Column("owner", Text, primary_key=True),
    Column("version", Integer, nullable=False),
)
omdb_requests = Table(  # OMDb requests sent per day, by every person and server together
    "omdb_requests",
    metadata,
    Column("day", Text, primary_key=True),  # 'YYYY-MM-DD', the day in UTC
    Column("requests", Integer, nullable=False),
)
tokens = Table(  # connections: media servers' webhooks and the personal API (revision 0010)
    "tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("secret_hash", Text, nullable=False),  # SHA-256 of the secret, never the secret
    Column("server_users", Text, nullable=False, server_default="[]"),  # a JSON list
    Column("timezone", Text, nullable=False, server_default="UTC"),
    Column("created_at", Text, nullable=False),
    Column("last_used_at", Text),
    Column("revoked_at", Text),
    Index("ux_tokens_secret_hash", "secret_hash", unique=True),
    Index("ix_tokens_owner_id", "owner", "id"),
    sqlite_autoincrement=True,
)
lists = Table(  # a person's lists (revision 0012)
    "lists",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),  # models.list_name_key: one list per name
    Column("description", Text, nullable=False, server_default=""),
    Column("created_at", Text, nullable=False),
    Index("ux_lists_owner_name_key", "owner", "name_key", unique=True),
    sqlite_autoincrement=True,
)
list_entries = Table(  # the films of each list, in the order the person set (revision 0012)
    "list_entries",
    metadata,
    Column("list_id", Integer, ForeignKey("lists.id", ondelete="CASCADE"), primary_key=True),
    Column("movie_id", Integer, ForeignKey("movies.id", ondelete="CASCADE"), primary_key=True),
    Column("owner", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("added_at", Text, nullable=False),
    Index("ix_list_entries_list_id_position", "list_id", "position"),
    Index("ix_list_entries_movie_id", "movie_id"),
)
shares = Table(  # share links: read-only links to a watchlist, a list, a diary (revision 0013)
    "shares",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("owner", Text, nullable=False),
    Column("kind", Text, nullable=False),  # 'watchlist', 'list' or 'diary'
    # a list's share goes with its list: a deleted list's link stops working
    Column("list_id", Integer, ForeignKey("lists.id", ondelete="CASCADE")),
    Column("secret_hash", Text, nullable=False),  # SHA-256 of the secret, never the secret
    Column("display_name", Text, nullable=False, server_default=""),
    Column("show_ratings", Boolean, nullable=False, server_default=false()),
    Column("show_notes", Boolean, nullable=False, server_default=false()),
    Column("created_at", Text, nullable=False),
    Column("revoked_at", Text),
    Index("ux_shares_secret_hash", "secret_hash", unique=True),
    Index("ix_shares_owner_id", "owner", "id"),
    Index("ix_shares_list_id", "list_id"),
    sqlite_autoincrement=True,
)
watchlist_order = Table(  # the place of each Want to Watch film the person ordered (0012)
    "watchlist_order",
    metadata,
    Column("movie_id", Integer, ForeignKey("movies.id", ondelete="CASCADE"), primary_key=True),
    Column("owner", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Index("ix_watchlist_order_owner_position", "owner", "position"),
)
