"""The second factor as personal data: exported with the account, erased with it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rathaus.accounts.models import User
from rathaus.authentication.models import RecoveryCode, TOTPDevice
from rathaus.authentication.totp import has_confirmed_device
from rathaus.core.personal_data import ExportFile

__all__ = ["export", "erase", "overview"]


def export(user: User) -> Iterator[ExportFile]:
    """When the second factor was set up and recovery codes used (never the secrets)."""
    device = TOTPDevice.objects.filter(user=user).first()
    if device is None:
        return
    codes = RecoveryCode.objects.filter(user=user).order_by("created_at")
    yield ExportFile.json("konto/zweiter-faktor.json", {
        "confirmed_at": device.confirmed_at,
        "recovery_codes": [{"created_at": c.created_at, "used_at": c.used_at} for c in codes],
    })  # fmt: skip


def erase(user: User) -> int:
    return (
        TOTPDevice.objects.filter(user=user).delete()[0]
        + RecoveryCode.objects.filter(user=user).delete()[0]
    )


def overview(user: User) -> dict[str, Any]:
    """For "Mein Konto": whether a second factor protects the account."""
    return {"has_second_factor": has_confirmed_device(user)}
