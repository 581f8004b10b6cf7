"""Reading uploads safely: size limits, ZIP members, text decoding and CSV rows with lines."""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from movie_tracker.importers.plan import UnreadableExport

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 50 * MB
MAX_UNPACKED_BYTES = 200 * MB
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


def check_upload_size(name: str, data: bytes) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnreadableExport(
            f"{name} is {len(data) / MB:.1f} MB; uploads of up to {MAX_UPLOAD_BYTES // MB} MB "
            "are accepted."
        )


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06"


def unzip(name: str, data: bytes) -> list[Member]:
    """The files in a ZIP, refusing archives that would unpack too large or too many.

    The sizes a ZIP declares are checked first, and the bytes actually unpacked are counted
    too, because a ZIP bomb can declare sizes it does not have.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if len(infos) > MAX_MEMBERS:
                raise UnreadableExport(
                    f"{name} holds {len(infos):,} files; a ZIP of up to {MAX_MEMBERS:,} files "
                    "is accepted."
                )
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                raise _too_large(name)
            budget = MAX_UNPACKED_BYTES
            members = []
            for info in infos:
                content = read_member(archive, info, budget, name)
                budget -= len(content)
                members.append(Member(info.filename, content))
            return members
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
    chunks = []
    total = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > budget:
                raise _too_large(name)
            chunks.append(chunk)
    return b"".join(chunks)


def _too_large(name: str) -> UnreadableExport:
    return UnreadableExport(
        f"{name} would unpack to more than {MAX_UNPACKED_BYTES // MB} MB; exports that unpack "
        f"to up to {MAX_UNPACKED_BYTES // MB} MB are accepted."
    )


def decode(data: bytes) -> str:
    """Text from UTF-8 (with or without a BOM), else from the single-byte cp1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 reads every byte.
        return data.decode("latin-1")


def csv_rows(name: str, text: str) -> Iterator[Row]:
    """Every record of a CSV text with the line it starts on; blank lines are left out."""
    reader = csv.reader(io.StringIO(text, newline=""))
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
