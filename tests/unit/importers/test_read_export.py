"""read_export: which service a file comes from, by its content, and uploads it refuses."""

from __future__ import annotations

import csv
import io
import struct
import zipfile

import pytest

from movie_tracker.importers import (
    ACCEPTED_EXPORTS,
    NOT_IMPORTED,
    UnreadableExport,
    _files,
    read_export,
    read_exports,
)
from tests.importer_files import (
    IMDB_RATINGS_2018,
    LB_DIARY,
    LB_FILMS,
    csv_bytes,
    imdb_csv,
    json_bytes,
    trakt_movie,
    trakt_play,
    zip_bytes,
)

LETTERBOXD = csv_bytes(LB_DIARY, [["2024-01-01", "Heat", 1995, "", "", "", "", "2020-01-01"]])
IMDB = imdb_csv(IMDB_RATINGS_2018, [{"Your_Rating": 8}])
TRAKT = json_bytes([trakt_play(trakt_movie(), "2020-01-01T10:00:00.000Z")])


@pytest.mark.parametrize(
    ("data", "source"),
    [(LETTERBOXD, "letterboxd"), (IMDB, "imdb"), (TRAKT, "trakt")],
)
def test_the_service_is_recognised_from_the_content_whatever_the_file_is_called(
    data: bytes, source: str
) -> None:
    for name in ("ratings.csv", "diary.csv", "watched-history-1.json", "upload"):
        assert read_export(name, data).source == source


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n",
        b"title,year\nHeat,1995\n",
        b"\x89PNG\r\n\x1a\n\x00\x00binary",
        b'{"some": "json"}',
        b"[1, 2, 3]",
        b"[]",
        b"[{}]",
        b"{not json",
        zip_bytes({"readme.txt": b"hello"}),
    ],
)
def test_a_file_that_is_no_known_export_gets_a_message_naming_the_accepted_ones(
    data: bytes,
) -> None:
    with pytest.raises(UnreadableExport) as raised:
        read_export("mystery.csv", data)

    assert raised.value.message == (
        f"mystery.csv is not an export the app can read. It accepts {ACCEPTED_EXPORTS}."
    )
    assert "Traceback" not in str(raised.value)


def test_nothing_uploaded_is_not_an_export() -> None:
    with pytest.raises(UnreadableExport, match="The upload is not an export"):
        read_exports([])


def test_files_from_two_services_are_refused_together() -> None:
    with pytest.raises(UnreadableExport) as raised:
        read_exports([("a.csv", LETTERBOXD), ("b.csv", IMDB)])

    assert raised.value.message == (
        "a.csv, b.csv holds files from Letterboxd and IMDb; "
        "upload each service's export on its own."
    )


def test_an_upload_over_50_mb_is_refused_before_it_is_read() -> None:
    data = b"x" * (50 * 1024 * 1024 + 1)

    with pytest.raises(UnreadableExport) as raised:
        read_export("big.zip", data)

    assert raised.value.message == "big.zip is 50.0 MB; uploads of up to 50 MB are accepted."


def test_an_upload_of_exactly_the_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_files, "MAX_UPLOAD_BYTES", len(LETTERBOXD))

    assert read_export("diary.csv", LETTERBOXD).source == "letterboxd"
    with pytest.raises(UnreadableExport, match="uploads of up to 0 MB"):
        read_export("diary.csv", LETTERBOXD + b"\n")


def test_a_zip_of_more_than_10000_files_is_refused() -> None:
    members = {f"f{n}.csv": b"" for n in range(10_001)}
    data = zip_bytes(members, compression=zipfile.ZIP_STORED)

    with pytest.raises(UnreadableExport) as raised:
        read_export("many.zip", data)

    assert raised.value.message == (
        "many.zip holds 10,001 files; a ZIP of up to 10,000 files is accepted."
    )


TOO_LARGE = (
    "would unpack to more than 100 MB; one import reads up to 100 MB of files. Upload fewer "
    "files at a time, or only the files you need from the ZIP."
)


def test_a_zip_that_declares_more_than_100_mb_unpacked_is_refused() -> None:
    data = _declaring(zip_bytes({"diary.csv": LETTERBOXD}), 100 * 1024 * 1024 + 1)

    with pytest.raises(UnreadableExport) as raised:
        read_export("bomb.zip", data)

    assert raised.value.message == f"bomb.zip {TOO_LARGE}"


def test_the_budget_is_for_the_whole_upload_not_each_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three ZIPs that each fit are refused together when they add up to more, before any
    of them is unpacked."""
    monkeypatch.setattr(_files, "MAX_UNPACKED_BYTES", 2 * len(LETTERBOXD))
    opened = []
    monkeypatch.setattr(_files, "read_member", lambda *args: opened.append(args))
    each = zip_bytes({"diary.csv": LETTERBOXD})

    with pytest.raises(UnreadableExport) as raised:
        read_exports([("a.zip", each), ("b.zip", each), ("c.zip", each)])

    assert raised.value.message.startswith("a.zip, b.zip, c.zip would unpack to more than")
    assert opened == []


def test_loose_files_count_toward_the_same_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_files, "MAX_UNPACKED_BYTES", len(LETTERBOXD) + len(IMDB) - 1)
    zipped = zip_bytes({"diary.csv": LETTERBOXD})

    with pytest.raises(UnreadableExport, match=r"^export.zip, ratings.csv would unpack to more"):
        read_exports([("export.zip", zipped), ("ratings.csv", IMDB)])
    assert read_exports([("export.zip", zipped)]).source == "letterboxd"


def test_an_upload_of_exactly_the_budget_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_files, "MAX_UNPACKED_BYTES", 2 * len(LETTERBOXD))
    loose = [("diary.csv", LETTERBOXD), ("diary-2.csv", LETTERBOXD)]

    assert read_exports(loose).source == "letterboxd"
    with pytest.raises(UnreadableExport, match="would unpack to more than"):
        read_exports([*loose, ("diary-3.csv", b"\n")])


def test_a_zip_that_lies_about_its_sizes_is_refused_as_damaged() -> None:
    data = _declaring(zip_bytes({"diary.csv": LETTERBOXD * 100}), 10)

    with pytest.raises(UnreadableExport, match=r"^liar.zip is a damaged ZIP file"):
        read_export("liar.zip", data)


def test_reading_a_member_stops_as_soon_as_it_passes_the_budget() -> None:
    content = b"0" * 200_000
    with zipfile.ZipFile(io.BytesIO(zip_bytes({"zeros.csv": content}))) as archive:
        (info,) = archive.infolist()
        assert _files.read_member(archive, info, len(content), "z.zip") == content
        with pytest.raises(UnreadableExport, match="would unpack to more than 100 MB"):
            _files.read_member(archive, info, 100_000, "z.zip")


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04 truncated", zip_bytes({"diary.csv": LETTERBOXD})[:-30]],
)
def test_a_damaged_zip_is_refused_without_a_traceback(data: bytes) -> None:
    with pytest.raises(UnreadableExport) as raised:
        read_export("broken.zip", data)

    assert raised.value.message == "broken.zip is a damaged ZIP file and cannot be opened."


def test_an_encrypted_zip_is_refused() -> None:
    data = bytearray(zip_bytes({"diary.csv": LETTERBOXD}))
    # Set the "encrypted" flag bit in the local header and the central directory entry.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + offset
        data[at] |= 0x01

    with pytest.raises(UnreadableExport, match="encrypted or compressed in a way"):
        read_export("secret.zip", bytes(data))


def test_a_zip_with_an_unknown_compression_is_refused() -> None:
    data = bytearray(zip_bytes({"diary.csv": LETTERBOXD}))
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.index(signature) + offset
        data[at : at + 2] = struct.pack("<H", 99)

    with pytest.raises(UnreadableExport, match="encrypted or compressed in a way"):
        read_export("odd.zip", bytes(data))


def test_a_csv_the_csv_reader_rejects_is_refused_with_its_line() -> None:
    huge_field = '"' + "x" * (140 * 1024) + '"'
    data = csv_bytes(LB_FILMS, [["2024-01-01", "Heat", 1995, ""]]) + huge_field.encode()

    with pytest.raises(UnreadableExport) as raised:
        read_export("watched.csv", data)

    assert raised.value.message.startswith("watched.csv cannot be read as CSV from line 3:")


def test_empty_zip_directories_are_not_files() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("export/", b"")
        archive.writestr("export/diary.csv", LETTERBOXD)

    plan = read_export("x.zip", out.getvalue())

    assert plan.skipped == ()
    assert len(plan.movies) == 1


def test_macos_metadata_in_any_export_is_skipped_not_read() -> None:
    data = zip_bytes({"ratings.csv": IMDB, "__MACOSX/._ratings.csv": IMDB})

    plan = read_export("imdb.zip", data)

    assert [(s.file, s.kind) for s in plan.skipped] == [("__MACOSX/._ratings.csv", NOT_IMPORTED)]


def _declaring(data: bytes, size: int) -> bytes:
    """A ZIP of one member whose headers declare `size` bytes unpacked."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = out.index(signature) + offset
        out[at : at + 4] = struct.pack("<I", size)
    return bytes(out)


def test_a_bom_file_is_recognised_when_a_character_straddles_the_sniffed_start() -> None:
    name = "é" * 5000  # two bytes each in UTF-8, so some character crosses byte 8192
    data = csv_bytes(LB_FILMS, [["2024-01-01", name, 1995, ""]], bom=True)

    plan = read_export("watched.csv", data)

    assert plan.movies[0].title == name


def test_a_file_whose_start_the_csv_reader_refuses_is_not_an_export() -> None:
    limit = csv.field_size_limit(5)
    try:
        with pytest.raises(UnreadableExport, match="is not an export the app can read"):
            read_export("diary.csv", LETTERBOXD)
    finally:
        csv.field_size_limit(limit)


def test_a_zip_whose_directory_points_before_the_file_is_refused_as_damaged() -> None:
    data = bytearray(zip_bytes({"diary.csv": LETTERBOXD}))
    at = data.rindex(b"PK\x05\x06") + 16  # where the central directory starts
    (offset,) = struct.unpack("<I", data[at : at + 4])
    data[at : at + 4] = struct.pack("<I", offset + 1000)

    with pytest.raises(UnreadableExport) as raised:
        read_export("broken.zip", bytes(data))

    assert raised.value.message == "broken.zip is a damaged ZIP file and cannot be opened."
