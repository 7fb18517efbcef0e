"""Readable, unique submission references: ``HE-2026-000123``.

The prefix is the Land's ISO 3166-2 subdivision code (DE-HE → "HE"), found from the first
two digits of the AGS (Destatis Land keys 01–16). One counter per prefix and year, taken
under a row lock, so concurrent submissions never share a number.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from rathaus.submissions.models import ReferenceSequence

# Source: Destatis Gemeindeverzeichnis (Land keys) and ISO 3166-2:DE (subdivision codes).
LAND_CODES = {
    "01": "SH", "02": "HH", "03": "NI", "04": "HB", "05": "NW", "06": "HE", "07": "RP",
    "08": "BW", "09": "BY", "10": "SL", "11": "BE", "12": "BB", "13": "MV", "14": "SN",
    "15": "ST", "16": "TH",
}  # fmt: skip


def next_reference(ags: str) -> str:
    """The next reference for a submission made for a place with this AGS."""
    year = timezone.localdate().year
    prefix = f"{LAND_CODES.get(ags[:2], 'DE')}-{year}"
    with transaction.atomic():
        sequence = _locked(prefix)
        sequence.last += 1
        sequence.save(update_fields=["last"])
    return f"{prefix}-{sequence.last:06d}"


def _locked(prefix: str) -> ReferenceSequence:
    sequence = ReferenceSequence.objects.select_for_update().filter(prefix=prefix).first()
    if sequence is not None:
        return sequence
    try:
        with transaction.atomic():
            ReferenceSequence.objects.create(prefix=prefix)
    except IntegrityError:
        pass  # another submission created it first
    return ReferenceSequence.objects.select_for_update().get(prefix=prefix)
