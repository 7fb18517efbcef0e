"""Reading the uploaded files: a directory, one schema file with its neighbours, or a ZIP.

Everything is bounded before it is read: at most ``MAX_FILES`` files and ``MAX_BYTES``
together. ZIP entries are checked by their declared size first and by what they actually
unpack to while reading (a lying header cannot smuggle a zip bomb past), and entry names
that could point outside the archive are refused, although nothing is ever written out.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO

from django.utils.translation import gettext as _

from rathaus.definitions.fim.errors import FimError

MAX_BYTES = 20 * 1024 * 1024
MAX_FILES = 500
CHUNK = 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError,
               zlib.error, EOFError, ValueError)  # fmt: skip


def read_files(path: Path) -> dict[str, bytes]:
    """The XML files at ``path`` by name: every ``*.xml`` of a directory; a single file and
    the ``*.xml`` files beside it; or the ``*.xml`` entries of a ZIP archive."""
    try:
        if path.is_dir():
            return _read_paths(_xml_files(path), path.name)
        if not path.is_file():
            raise FimError(_("„%(name)s“ wurde nicht gefunden.") % {"name": path.name})
        if _is_zip(path):
            return _read_zip(path)
        _check_size(path.stat().st_size)
        beside = [p for p in _xml_files(path.parent) if p.name != path.name]
        return _read_paths([path, *beside], path.parent.name)
    except OSError as error:
        raise FimError(_("„%(name)s“ kann nicht gelesen werden.") % {"name": path.name}) from error


def check_limits(files: dict[str, bytes]) -> None:
    if len(files) > MAX_FILES:
        raise _too_many()
    _check_size(sum(len(data) for data in files.values()))


def _too_many() -> FimError:
    return FimError(_("Es sind höchstens %(max)s Dateien erlaubt.") % {"max": MAX_FILES})


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise FimError(
            _("Die Dateien sind zusammen größer als %(mb)s MB.") % {"mb": MAX_BYTES // 2**20}
        )


def _xml_files(directory: Path) -> list[Path]:
    found = []
    for entry in directory.iterdir():
        if entry.suffix.lower() == ".xml" and entry.is_file():
            found.append(entry)
            if len(found) > MAX_FILES:
                raise _too_many()
    return sorted(found)


def _read_paths(paths: list[Path], where: str) -> dict[str, bytes]:
    if not paths:
        raise FimError(_("In „%(name)s“ gibt es keine XML-Dateien.") % {"name": where})
    if len(paths) > MAX_FILES:
        raise _too_many()
    _check_size(sum(p.stat().st_size for p in paths))
    files: dict[str, bytes] = {}
    total = 0
    for path in paths:
        with path.open("rb") as stream:
            data = _read_bounded(stream, MAX_BYTES - total)
        total += len(data)
        files[path.name] = data
    return files


def _read_bounded(stream: IO[bytes], allowed: int) -> bytes:
    """At most ``allowed`` bytes; one more means the limit is exceeded."""
    chunks, size = [], 0
    while chunk := stream.read(min(CHUNK, allowed + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > allowed:
            _check_size(MAX_BYTES + 1)
    return b"".join(chunks)


def read_uploads(files: dict[str, bytes]) -> dict[str, bytes]:
    """Uploaded files (name -> content) with every ZIP among them unpacked, within the
    same limits as ``read_files``."""
    check_limits(files)
    found: dict[str, bytes] = {}
    for name, content in files.items():
        if name.lower().endswith(".zip") or content[:4] == ZIP_MAGIC:
            try:
                with zipfile.ZipFile(io.BytesIO(content)) as archive:
                    found.update(_read_entries(archive, name))
            except FimError:
                raise
            except _ZIP_ERRORS as error:
                raise FimError(
                    _("Die ZIP-Datei „%(name)s“ ist beschädigt oder kein ZIP-Archiv.")
                    % {"name": name}
                ) from error
        else:
            found[name] = content
    check_limits(found)
    return found


def _is_zip(path: Path) -> bool:
    if path.suffix.lower() == ".zip":
        return True
    with path.open("rb") as stream:
        return stream.read(4) == ZIP_MAGIC


def _read_zip(path: Path) -> dict[str, bytes]:
    name = {"name": path.name}
    _check_size(path.stat().st_size)
    try:
        with zipfile.ZipFile(path) as archive:
            return _read_entries(archive, path.name)
    except FimError:
        raise
    except _ZIP_ERRORS as error:
        raise FimError(
            _("Die ZIP-Datei „%(name)s“ ist beschädigt oder kein ZIP-Archiv.") % name
        ) from error


def _read_entries(archive: zipfile.ZipFile, archive_name: str) -> dict[str, bytes]:
    entries = archive.infolist()
    if len(entries) > MAX_FILES:
        raise _too_many()
    wanted = []
    for entry in entries:
        _check_entry_name(entry.filename)
        if not entry.is_dir() and _is_xml_entry(entry.filename):
            wanted.append(entry)
    if sum(entry.file_size for entry in wanted) > MAX_BYTES:
        raise _bomb(archive_name)
    files: dict[str, bytes] = {}
    total = 0
    for entry in wanted:
        with archive.open(entry) as stream:
            try:
                data = _read_bounded(stream, MAX_BYTES - total)
            except FimError as error:
                raise _bomb(archive_name) from error
        total += len(data)
        files[entry.filename] = data
    if not files:
        raise FimError(_("In „%(name)s“ gibt es keine XML-Dateien.") % {"name": archive_name})
    return files


def _is_xml_entry(name: str) -> bool:
    """An XML file, but not the resource forks macOS adds to archives (``__MACOSX/._a.xml``)."""
    path = PurePosixPath(name)
    return (
        path.suffix.lower() == ".xml"
        and "__MACOSX" not in path.parts
        and not path.name.startswith("._")
    )


def _bomb(archive_name: str) -> FimError:
    return FimError(
        _("Die ZIP-Datei „%(name)s“ entpackt zu mehr als %(mb)s MB und wird nicht gelesen.")
        % {"name": archive_name, "mb": MAX_BYTES // 2**20}
    )


def _check_entry_name(name: str) -> None:
    pure = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or pure.is_absolute()
        or ".." in pure.parts
        or (len(name) > 1 and name[1] == ":")
    ):
        raise FimError(
            _("Der ZIP-Eintrag „%(name)s“ hat einen unzulässigen Pfad.") % {"name": name}
        )
