"""The Smart Region office's rights in the admin: the lists it keeps as data (Handlungsfelder,
technologies, consulting topics and partners, partner staff memberships)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from rathaus.accounts.models import User

__all__ = ["OFFICE_GROUP", "ensure_office_group", "grant_office_rights"]

OFFICE_GROUP = "Smart-Region-Geschäftsstelle"
MODELS = {
    "projects": ["fieldofaction", "technology"],
    "consulting": ["consultingtopic", "consultingpartner"],
    "accounts": ["membership"],
    "events": ["eventregion"],
}


@transaction.atomic
def ensure_office_group() -> Group:
    group, _created = Group.objects.get_or_create(name=OFFICE_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label__in=MODELS,
        content_type__model__in=[m for models in MODELS.values() for m in models],
    )
    group.permissions.set(
        p for p in permissions if p.content_type.model in MODELS[p.content_type.app_label]
    )
    return group


def grant_office_rights(user: User) -> None:
    """Let an office member into the admin with exactly the group's rights."""
    user.groups.add(ensure_office_group())
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
