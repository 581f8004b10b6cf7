"""Every real export in ../shared/real-exports imported into an empty SQLite library: the
library then holds exactly what the preview promised, and importing it again adds nothing.

The files are other people's published data: read in place, never copied; skipped where
the folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from freezegun import freeze_time

from movie_tracker.models import Status
from movie_tracker.service import MovieService

_CHECKOUT = Path(__file__).parents[2]
_CANDIDATES = [
    _CHECKOUT.parent / "shared" / "real-exports",
    _CHECKOUT.parent.parent / "shared" / "real-exports",
]
REAL = next((path for path in _CANDIDATES if path.is_dir()), _CANDIDATES[0])

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"{REAL} is not here")


def _uploads() -> list[tuple[str, list[str]]]:
    """(name, files uploaded together): a Letterboxd or Trakt account's files as one upload,
    each IMDb CSV on its own."""
    if not REAL.is_dir():
        return []
    uploads = []
    for kind in sorted(path for path in REAL.iterdir() if path.is_dir()):
        for account in sorted(path for path in kind.iterdir() if path.is_dir()):
            files = sorted(p.name for p in account.iterdir() if p.name != "LICENSE")
            if kind.name == "imdb":
                uploads += [(f"{account.name}/{name}", [name]) for name in files]
            else:
                uploads.append((account.name, files))
    return uploads


def _read(upload: str, names: list[str]) -> list[tuple[str, bytes]]:
    folder = next(path for path in REAL.rglob(upload.split("/")[0]) if path.is_dir())
    return [(name.replace("__", "/"), (folder / name).read_bytes()) for name in names]


@freeze_time("2026-11-25 12:00:00")
@pytest.mark.parametrize(("upload", "names"), _uploads(), ids=[u for u, _ in _uploads()])
def test_a_real_export_imports_exactly_what_its_preview_says(service: MovieService, upload, names):
    files = _read(upload, names)

    preview = service.preview_import_files(files)
    result = service.run_import(preview)

    assert result.movies_added == preview.movies_to_add == service.count_movies()
    assert service.count_diary() == preview.watches_to_add
    assert service.status_counts().want_to_watch == preview.watchlist_to_add
    assert service.count_movies(Status.WATCHED) == preview.movies_to_add - preview.watchlist_to_add
    again = service.preview_import_files(files)
    assert (again.movies_to_add, again.movies_to_update, again.watches_to_add) == (0, 0, 0)
    assert again.movies_unchanged == preview.movies_to_add


@freeze_time("2026-11-25 12:00:00")
def test_patrickmjones_keeps_both_haunted_castles_and_every_diary_entry(service: MovieService):
    names = dict(_uploads())["patrickmjones__letterboxd-data"]
    files = _read("patrickmjones__letterboxd-data", names)

    preview = service.preview_import_files(files)
    service.run_import(preview)

    assert len(service.list_movies(text="the haunted castle")) >= 2
    # 2,132 diary rows (each a watch) and one undated watch per film watched without one
    assert preview.watches_to_add >= 2132
    assert service.year_in_review(2020).rewatches > 0
