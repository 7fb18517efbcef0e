"""A tenant's own administrators ("Landesadministration"): the admin of their tenant with
the rights of one group, never another tenant's rows (``accounts.adminsite``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from rathaus.accounts.models import Membership, Role, User

__all__ = ["TENANT_ADMIN_GROUP", "appoint_tenant_admin", "ensure_tenant_admin_group"]

TENANT_ADMIN_GROUP = "Landesadministration"
# What a Land administers itself: its authorities and their staff, offers, transfer
# routes and API tokens, feedback, event regions, consulting partners and its
# municipalities' organisation accounts with their members (all four
# rights), and its own tenant row (names, colour, contact, legal texts: view and change).
MANAGED = {
    "core": ["authority", "feedback"],
    "accounts": ["membership"],
    "catalog": ["offer"],
    "deliveries": ["deliveryroute"],
    "cases": ["apitoken"],
    "events": ["eventregion"],
    "consulting": ["consultingpartner"],
    "organisations": ["organisation", "member"],  # its municipalities (organisations.admin)
}
OWN_TENANT = ("tenants", "tenant", ("view", "change"))


@transaction.atomic
def ensure_tenant_admin_group() -> Group:
    group, _created = Group.objects.get_or_create(name=TENANT_ADMIN_GROUP)
    managed = Q()
    for app_label, models in MANAGED.items():
        managed |= Q(content_type__app_label=app_label, content_type__model__in=models)
    app_label, model, actions = OWN_TENANT
    own = Q(
        content_type__app_label=app_label,
        content_type__model=model,
        codename__in=[f"{action}_{model}" for action in actions],
    )
    group.permissions.set(Permission.objects.filter(managed | own))
    return group


@transaction.atomic
def appoint_tenant_admin(user: User, authority: Any) -> Membership:
    """Make ``user`` an administrator of the authority's tenant (idempotent)."""
    membership, _created = Membership.objects.get_or_create(
        user=user, authority=authority, role=Role.TENANT_ADMIN
    )
    user.groups.add(ensure_tenant_admin_group())
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return membership
