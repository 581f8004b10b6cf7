"""Alembic revisions for the library's schema; the app upgrades a database when it opens it
(movie_tracker.store.engine.upgrade, which also holds the locks and refuses a newer schema).

Contributors add a revision from a checkout with the root alembic.ini:
`alembic revision -m "what changes" --rev-id 0003`, then `alembic upgrade head`
(DATABASE_URL names the database, sqlite:///movies.db by default).

On SQLite, op.batch_alter_table copies a table to change it, and the copy forgets the
highest id AUTOINCREMENT has handed out: a deleted movie's id (and its events) could come
back. Prefer plain ALTERs where SQLite has them (ADD/DROP/RENAME COLUMN), or restore
sqlite_sequence in the revision, and test the revision with a deleted row.
"""
