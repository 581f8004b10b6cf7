"""Reading uploads safely: size limits, ZIP members, text decoding and CSV rows with lines.

One upload (every file chosen at once, and every file inside its ZIPs) unpacks to at most
MAX_UNPACKED_BYTES in all; the sizes are checked before anything is unpacked. CSV rows are
read as a stream, a piece of the file at a time, never held whole as text or as a list.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

from movie_tracker.importers.plan import UnreadableExport

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 50 * MB  # each file uploaded
MAX_UNPACKED_BYTES = 100 * MB  # the whole upload: its loose files and its ZIPs' members
MAX_MEMBERS = 10_000
_CHUNK = 64 * 1024
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Member:
    """One file of an upload: the upload itself, or one file inside its ZIP."""

    name: str
    data: bytes

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(part for part in self.name.replace("\\", "/").split("/") if part)

    @property
    def basename(self) -> str:
        return self.parts[-1] if self.parts else ""


@dataclass(frozen=True)
class Row:
    """A CSV record and the line it starts on (a quoted field may span several lines)."""

    line: int
    fields: list[str]


def unpack(files: Sequence[tuple[str, bytes]]) -> list[Member]:
    """The files of one upload: each loose file as it is, each ZIP's files unpacked.

    Every limit is checked before anything is unpacked: the size of each file uploaded, the
    number of files in each ZIP, and one budget for the whole upload, the loose files' sizes
    plus the sizes their ZIPs declare. zipfile never gives more of a member than it
    declares (a member holding more fails its CRC check and is refused as damaged), and
    the bytes unpacked are counted against the budget too.
    """
    for name, data in files:
        check_upload_size(name, data)
    names = ", ".join(name for name, _ in files)
    declared = sum(_declared_size(n, data) if is_zip(data) else len(data) for n, data in files)
    if declared > MAX_UNPACKED_BYTES:
        raise _too_large(names)
    budget = MAX_UNPACKED_BYTES
    members: list[Member] = []
    for name, data in files:
        found = unzip(name, data, budget, names) if is_zip(data) else [Member(name, data)]
        budget -= sum(len(member.data) for member in found)
        members.extend(found)
    return members


def check_upload_size(name: str, data: bytes) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableExport(
            f"{name} is {len(data) / MB:.1f} MB; uploads of up to {MAX_UPLOAD_BYTES // MB} MB "
            "are accepted."
        )


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06"


def _declared_size(name: str, data: bytes) -> int:
    """What a ZIP's files declare they unpack to, once its number of files is checked."""
    with _opened(name, data) as archive:
        return sum(info.file_size for info in _files_in(name, archive))


def unzip(name: str, data: bytes, budget: int, upload: str) -> list[Member]:
    """The files in a ZIP, stopping as soon as more than `budget` bytes come out of it;
    `upload` names the whole upload in the message."""
    with _opened(name, data) as archive:
        members = []
        for info in _files_in(name, archive):
            content = read_member(archive, info, budget, upload)
            budget -= len(content)
            members.append(Member(info.filename, content))
        return members


def _files_in(name: str, archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > MAX_MEMBERS:
        raise UnreadableExport(
            f"{name} holds {len(infos):,} files; a ZIP of up to {MAX_MEMBERS:,} files is accepted."
        )
    return infos


@contextmanager
def _opened(name: str, data: bytes) -> Iterator[zipfile.ZipFile]:
    """The ZIP, with whatever Python's zipfile raises about it turned into the message."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            yield archive
    except UnreadableExport:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        # ValueError: zipfile seeks to negative offsets a damaged directory gives it.
        raise UnreadableExport(f"{name} is a damaged ZIP file and cannot be opened.") from None
    except (RuntimeError, NotImplementedError):
        # Python's zipfile raises these for encrypted members and unknown compression.
        raise UnreadableExport(
            f"{name} is encrypted or compressed in a way that cannot be read; upload the "
            "export as the service gave it."
        ) from None


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, name: str) -> bytes:
    """A member's bytes, stopping as soon as more than `budget` bytes come out."""
    out = io.BytesIO()  # grows in place: its bytes are not copied again to give them back
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            if out.tell() + len(chunk) > budget:
                raise _too_large(name)
            out.write(chunk)
    return out.getvalue()


def _too_large(names: str) -> UnreadableExport:
    limit = MAX_UNPACKED_BYTES // MB
    return UnreadableExport(
        f"{names} would unpack to more than {limit} MB; one import reads up to {limit} MB of "
        "files. Upload fewer files at a time, or only the files you need from the ZIP."
    )


def member_rows(member: Member) -> Iterator[Row]:
    """Every record of a member's CSV, decoded and split a piece at a time."""
    text = io.TextIOWrapper(io.BytesIO(member.data), encoding=_encoding(member.data), newline="")
    return _rows(member.name, text)


def _encoding(data: bytes) -> str:
    """UTF-8 (with or without a BOM) when the bytes are UTF-8, else the single-byte cp1252,
    else Latin-1, which reads every byte (cp1252 leaves five undefined)."""
    for encoding in ("utf-8-sig", "cp1252"):
        if _decodes(data, encoding):
            return encoding
    return "latin-1"


def _decodes(data: bytes, encoding: str) -> bool:
    """Whether all of `data` decodes, checked a piece at a time (no decoded copy kept)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for start in range(0, len(view), _CHUNK):
            decoder.decode(view[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def csv_rows(name: str, text: str) -> Iterator[Row]:
    """Every record of a CSV text with the line it starts on; blank lines are left out."""
    return _rows(name, io.StringIO(text, newline=""))


def _rows(name: str, text: IO[str]) -> Iterator[Row]:
    reader = csv.reader(text)
    line = 1
    try:
        for fields in reader:
            if any(field.strip() for field in fields):
                yield Row(line, fields)
            line = reader.line_num + 1
    except csv.Error as error:
        raise UnreadableExport(f"{name} cannot be read as CSV from line {line}: {error}.") from None


def first_row(member: Member) -> list[str] | None:
    """The first non-blank CSV record of a member, read from its start only; None if none.

    Only the start is decoded, so a character cut in two at its end is dropped; headers are
    ASCII in every known export, so UTF-8 reads them whatever the file's encoding.
    """
    start = member.data[:_SNIFF_BYTES].decode("utf-8-sig", errors="ignore")
    try:
        row = next(csv_rows(member.name, start), None)
    except UnreadableExport:
        return None
    return row.fields if row else None
