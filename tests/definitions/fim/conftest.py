"""Fixtures for the FIM importer tests: the real XDatenfelder 2.0 exports (read from the
shared data directory, never by the runtime) and the invented 3.0.0 samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from rathaus.definitions.fim import read_files

REAL = Path("/work/shared/data/fim")
MUTTERSCHUTZ = REAL / "S00000094V1.0_xdf2"
ASBEST = REAL / "S00000186v1.0_xdf2"
SAMPLES = Path(__file__).parent / "samples"
FISCHEREI = SAMPLES / "fischereischein_xdf3"
PARKEN = SAMPLES / "bewohnerparken_xdf3"

needs_real_data = pytest.mark.skipif(
    not REAL.is_dir(), reason="the real FIM exports are in /work/shared/data/fim"
)


@pytest.fixture
def mutterschutz() -> dict[str, bytes]:
    return read_files(MUTTERSCHUTZ)


@pytest.fixture
def asbest() -> dict[str, bytes]:
    return read_files(ASBEST)
