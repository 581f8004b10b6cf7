"""An upload cannot exhaust memory: one budget of unpacked bytes for the whole upload, and
CSV rows read as a stream.

Each test measures with tracemalloc the peak of what `preview_import_files` allocates,
above what the process held before: the uploads' own bytes, which Streamlit holds anyway.
The uploads are built first, outside the measurement; big ZIP members are written a piece
at a time, so the test itself never holds them unpacked. `python -m benchmarks.import_bench
--uploads` prints the same peaks for BENCHMARKS.md.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable, Iterable, Iterator

import pytest

from movie_tracker.importers import UnreadableExport
from movie_tracker.service import ImportPreview, MovieService
from tests.fakes.store import FakeMovieRepository
from tests.importer_files import LB_DIARY, csv_bytes, zip_bytes

MB = 1024 * 1024
REFUSED_PEAK = 100 * MB  # issue 15: a refused upload peaks under this above the app's own
ACCEPTED_MULTIPLE = 8  # an accepted upload peaks under this many times what it unpacks to
FILMS = 3000
ENTRIES = 146_000
Upload = list[tuple[str, bytes]]


def diary(rows: int) -> bytes:
    """A Letterboxd diary of `rows` entries of FILMS films watched again and again, as a
    long diary is (about 70 bytes an entry)."""
    return csv_bytes(
        LB_DIARY,
        (
            [
                f"2024-01-{n % 28 + 1:02d}",
                f"Film number {n % FILMS}",
                1950 + n % FILMS % 70,
                f"https://boxd.it/f{n % FILMS}",
                (n % 10 + 1) / 2,
                "",
                "",
                f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            ]
            for n in range(rows)
        ),
    )


def zipped(members: dict[str, Callable[[], Iterable[bytes]]]) -> bytes:
    """A ZIP whose members are written a piece at a time, so none is held unpacked."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, pieces in members.items():
            with archive.open(name, "w", force_zip64=True) as member:
                for piece in pieces():
                    member.write(piece)
    return out.getvalue()


def repeated(piece: bytes, size: int) -> Callable[[], Iterator[bytes]]:
    """`piece` again and again up to `size` bytes."""

    def pieces() -> Iterator[bytes]:
        for start in range(0, size, len(piece)):
            yield piece[: size - start]

    return pieces


DIARY_MB = diary(15_000)[: 1 * MB]  # about a megabyte of whole diary rows and the header


def three_zips() -> Upload:
    """Three ZIPs of 40 MB of diary each: every one fits, together they do not."""
    each = zipped({"diary.csv": repeated(DIARY_MB, 40 * MB)})
    return [("a.zip", each), ("b.zip", each), ("c.zip", each)]


def three_csvs() -> Upload:
    each = DIARY_MB * 35
    return [("diary.csv", each), ("diary-2.csv", each), ("diary-3.csv", each)]


def zip_bomb() -> Upload:
    """A third of a megabyte that unpacks to 300 MB of zeros."""
    return [("bomb.zip", zipped({"diary.csv": repeated(bytes(MB), 300 * MB)}))]


def one_huge_csv() -> Upload:
    """One diary of 150 MB, zipped under the 50 MB an upload may be."""
    return [("export.zip", zipped({"diary.csv": repeated(DIARY_MB, 150 * MB)}))]


def ten_mb_export() -> Upload:
    """A Letterboxd export whose diary unpacks to 10 MB: 146,000 entries, the most memory
    a megabyte of any export takes (a review's megabyte is a few hundred entries)."""
    return [("export.zip", zip_bytes({"diary.csv": diary(ENTRIES)}))]


def unpacked_size(upload: Upload) -> int:
    (_, data), *_ = upload
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())


def peak_of(files: Upload) -> tuple[int, ImportPreview | UnreadableExport]:
    """The preview of `files` into an empty library (or why it was refused), and the peak
    of what making it allocated."""
    service = MovieService(FakeMovieRepository())
    tracemalloc.start()
    try:
        try:
            outcome: ImportPreview | UnreadableExport = service.preview_import_files(files)
        except UnreadableExport as refused:
            outcome = refused
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, outcome


REFUSED = {
    "several zips": three_zips,
    "several loose csvs": three_csvs,
    "zip bomb": zip_bomb,
    "one huge csv": one_huge_csv,
}


@pytest.mark.parametrize("upload", REFUSED.values(), ids=REFUSED.keys())
def test_a_refused_upload_peaks_under_100_mb(upload: Callable[[], Upload]) -> None:
    files = upload()

    peak, outcome = peak_of(files)

    assert isinstance(outcome, UnreadableExport)
    assert "would unpack to more than 100 MB" in outcome.message
    assert peak < REFUSED_PEAK, f"peak {peak / MB:.1f} MB"


def test_an_accepted_upload_peaks_at_a_small_multiple_of_its_size() -> None:
    files = ten_mb_export()
    size = unpacked_size(files)

    peak, outcome = peak_of(files)

    assert 10 * MB <= size < 11 * MB
    assert isinstance(outcome, ImportPreview)
    assert (outcome.movies_to_add, outcome.watches_to_add) == (FILMS, ENTRIES)
    assert peak < ACCEPTED_MULTIPLE * size, f"peak {peak / MB:.1f} MB for {size / MB:.1f} MB"
