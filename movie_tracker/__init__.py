"""Movie Tracker: a personal library of watched and want-to-watch movies, with OMDb lookups."""

__version__ = "0.1.0"
