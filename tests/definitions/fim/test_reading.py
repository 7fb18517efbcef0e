"""Reading uploads: directories, one file with its neighbours, ZIP archives, and the limits
(20 MB, 500 files, zip bombs by declared and by actual size, path traversal)."""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

import pytest

from rathaus.definitions.fim import FimError, import_schema, read_files
from rathaus.definitions.fim.reading import MAX_BYTES, MAX_FILES
from tests.definitions.fim.conftest import FISCHEREI

SCHEMA = "S99000000001V1.0.0_xdf3.xml"


def copy_samples(target: Path) -> Path:
    target.mkdir(exist_ok=True)
    for path in FISCHEREI.glob("*.xml"):
        (target / path.name).write_bytes(path.read_bytes())
    return target


def test_a_directory_gives_its_xml_files(tmp_path):
    directory = copy_samples(tmp_path / "upload")
    (directory / "LIESMICH.txt").write_text("kein XML")
    assert sorted(read_files(directory)) == [
        "C99000000001_genericode.xml",
        "C99000000002_genericode.xml",
        SCHEMA,
    ]


def test_a_schema_file_comes_with_the_files_beside_it(tmp_path):
    directory = copy_samples(tmp_path / "upload")
    files = read_files(directory / SCHEMA)
    assert next(iter(files)) == SCHEMA and len(files) == 3
    assert import_schema(files, schema_name=SCHEMA).schema_id == "S99000000001"


def test_a_zip_archive_reads_like_the_directory(tmp_path):
    archive = tmp_path / "fischerei.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in FISCHEREI.glob("*.xml"):
            zipped.write(path, f"export/{path.name}")
        zipped.writestr("export/", "")
        zipped.writestr("export/bild.png", b"\x89PNG")
        zipped.writestr("__MACOSX/export/._S99000000001V1.0.0_xdf3.xml", b"\x00\x05\x16\x07")
    files = read_files(archive)
    assert sorted(files) == sorted(f"export/{p.name}" for p in FISCHEREI.glob("*.xml"))
    assert import_schema(files).document == import_schema(read_files(FISCHEREI)).document


def test_a_zip_is_recognised_by_its_content(tmp_path):
    archive = tmp_path / "upload.bin"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(FISCHEREI / SCHEMA, SCHEMA)
    assert list(read_files(archive)) == [SCHEMA]


@pytest.mark.parametrize("name", ["../boese.xml", "/etc/boese.xml", "a/../../b.xml", "C:\\x.xml"])
def test_zip_entries_outside_the_archive_are_refused(tmp_path, name):
    archive = tmp_path / "traversal.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(zipfile.ZipInfo(name), b"<x/>")
    with pytest.raises(FimError, match="unzulässigen Pfad"):
        read_files(archive)


def test_a_zip_bomb_is_refused_by_its_declared_size(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("gross.xml", b"\0" * (MAX_BYTES + 1))
    assert archive.stat().st_size < 100_000
    with pytest.raises(FimError, match="entpackt zu mehr als 20 MB"):
        read_files(archive)


def test_a_zip_bomb_with_lying_sizes_is_refused(tmp_path):
    """The headers claim 10 bytes; the entry unpacks to 21 MB."""
    archive = tmp_path / "liar.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("gross.xml", b"<" * (MAX_BYTES + 2**20))
    data = bytearray(archive.read_bytes())
    local = data.index(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, 10)  # uncompressed size in the local header
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 10)  # and in the central directory
    archive.write_bytes(bytes(data))
    with pytest.raises(FimError):
        read_files(archive)


def test_too_many_files_are_refused(tmp_path):
    for number in range(MAX_FILES + 1):
        (tmp_path / f"{number}.xml").write_bytes(b"<x/>")
    with pytest.raises(FimError, match="höchstens 500 Dateien"):
        read_files(tmp_path)
    with pytest.raises(FimError, match="höchstens 500 Dateien"):
        import_schema({f"{n}.xml": b"<x/>" for n in range(MAX_FILES + 1)})


def test_a_zip_with_too_many_entries_is_refused(tmp_path):
    archive = tmp_path / "viele.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for number in range(MAX_FILES + 1):
            zipped.writestr(f"{number}.xml", b"<x/>")
    with pytest.raises(FimError, match="höchstens 500 Dateien"):
        read_files(archive)


def test_a_50_mb_file_is_refused(tmp_path):
    big = tmp_path / "gross.xml"
    with big.open("wb") as stream:
        stream.truncate(50 * 2**20)
    with pytest.raises(FimError, match="größer als 20 MB"):
        read_files(big)
    with pytest.raises(FimError, match="größer als 20 MB"):
        read_files(tmp_path)
    with pytest.raises(FimError, match="größer als 20 MB"):
        import_schema({"gross.xml": b"<" * (50 * 2**20)})


def test_random_bytes_are_refused(tmp_path):
    noise = tmp_path / "rauschen.xml"
    noise.write_bytes(os.urandom(64 * 1024))
    with pytest.raises(FimError, match="kein gültiges XML"):
        import_schema(read_files(noise))
    fake_zip = tmp_path / "rauschen.zip"
    fake_zip.write_bytes(b"PK\x03\x04" + os.urandom(4096))
    with pytest.raises(FimError, match="beschädigt oder kein ZIP"):
        read_files(fake_zip)


def test_missing_and_empty_paths_are_refused(tmp_path):
    with pytest.raises(FimError, match="nicht gefunden"):
        read_files(tmp_path / "gibt-es-nicht.xml")
    with pytest.raises(FimError, match="keine XML-Dateien"):
        read_files(tmp_path)
