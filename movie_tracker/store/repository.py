"""MovieRepository: the store's one door, the union of its parts over one owner's library."""

from __future__ import annotations

from movie_tracker.store.connections import Connections
from movie_tracker.store.diary import Diary
from movie_tracker.store.history import History
from movie_tracker.store.imports import Imports
from movie_tracker.store.lists import Lists
from movie_tracker.store.movies import Movies
from movie_tracker.store.quota import Quota
from movie_tracker.store.shares import Shares
from movie_tracker.store.statistics import Statistics
from movie_tracker.store.tonight import Tonight
from movie_tracker.store.watchlist import Watchlist


class MovieRepository(
    Movies,
    Diary,
    Statistics,
    Imports,
    History,
    Connections,
    Lists,
    Watchlist,
    Tonight,
    Shares,
    Quota,
):
    """The seed's data access functions, and the rest of the store, over one owner's
    library in one database: `MovieRepository(database_url, owner)`.

    Every query is scoped by `owner`: another owner's rows are not there for it (their ids
    are "not found"). `for_owner` gives another owner's library over the same engine.
    Opening a database upgrades it to the newest schema first. The count of OMDb requests
    (Quota) is the one thing that is not an owner's: it is the whole deployment's.
    """
