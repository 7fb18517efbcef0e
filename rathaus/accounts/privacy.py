"""The account's own personal data: export it, and delete the account (GDPR Art. 15, 17, 20).

Deleting an account erases at once what no law requires us to keep (profile, drafts,
postbox, second factors) and makes the account anonymous; submitted applications stay
with the authority until their retention period ends and are then purged. The user row
itself stays, anonymised, because the tamper-evident audit log refers to it.

A user is shared by every tenant: the export, the erasure and the check for staff roles
cover the person's rows in every tenant (``every_tenant``), whichever portal she asks
from. What the apps' erasers log goes to the chain of the row it names, or to the
platform's; the account's own entries (exported, deleted) to the chain of the tenant she
asked from.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import transaction

from rathaus.accounts.models import CitizenProfile, User
from rathaus.accounts.services import is_staff_member
from rathaus.audit.services import log_action
from rathaus.core import personal_data
from rathaus.core.personal_data import ExportFile
from rathaus.tenants.scope import every_tenant

__all__ = ["export_account", "export_zip", "delete_account", "can_delete_itself"]

PROFILE_EXPORT = ("given_names", "family_name", "birth_date", "street", "house_number",
                  "postal_code", "city", "phone")  # fmt: skip


def export_account(user: User) -> Iterator[ExportFile]:
    profile = CitizenProfile.objects.filter(user=user).select_related("municipality").first()
    data: dict[str, Any] = {
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_verified_at": getattr(user, "email_verified_at", None),
        "profile": None,
    }
    if profile is not None:
        data["profile"] = {name: getattr(profile, name) for name in PROFILE_EXPORT}
        data["profile"]["municipality"] = profile.municipality.key if profile.municipality else None
    yield ExportFile.json("konto.json", data)


def export_zip(user: User) -> bytes:
    with transaction.atomic():
        log_action(user, "accounts.data_exported", user, {})
    with every_tenant():
        return personal_data.export_zip(user)


def can_delete_itself(user: User) -> bool:
    """Staff accounts (of any tenant) are closed by a platform admin, not by their owner."""
    return not is_staff_member(user)


def delete_account(user: User) -> dict[str, int]:
    with transaction.atomic():
        with every_tenant():
            counts = personal_data.erase(user)
        CitizenProfile.objects.filter(user=user).delete()
        log_action(user, "accounts.deleted", user, {"erased": counts})
        user.email = f"geloescht-{user.pk}@deleted.invalid"
        user.set_unusable_password()
        user.is_active = False
        user.email_verified_at = None
        user.save()
    return counts
