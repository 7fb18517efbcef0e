"""The second factor and the linked identities of federated login as personal data:
exported with the account, erased with it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rathaus.accounts.models import User
from rathaus.authentication.models import ExternalIdentity, RecoveryCode, TOTPDevice
from rathaus.authentication.totp import has_confirmed_device
from rathaus.core.personal_data import ExportFile

__all__ = ["export", "erase", "overview"]


def export(user: User) -> Iterator[ExportFile]:
    """When the second factor was set up and recovery codes used (never the secrets); the
    linked identities (BundID, OpenID Connect) with what their providers confirmed."""
    identities = ExternalIdentity.objects.filter(user=user).order_by("linked_at")
    if identities:
        yield ExportFile.json("konto/verbundene-anmeldungen.json", [
            {"method": i.method, "provider": i.provider, "issuer": i.issuer,
             "subject": i.subject, "linked_at": i.linked_at, "last_login_at": i.last_login_at,
             "level": i.level, "confirmed_attributes": i.attributes}
            for i in identities
        ])  # fmt: skip
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
        + ExternalIdentity.objects.filter(user=user).delete()[0]
    )


def overview(user: User) -> dict[str, Any]:
    """For "Mein Konto": whether a second factor protects the account."""
    return {"has_second_factor": has_confirmed_device(user)}
