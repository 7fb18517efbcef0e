"""The admin in the isolation matrix: Hessian staff see no Hamburg row in any change list or
change page; operators see every tenant by design."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse

from rathaus.accounts.models import User
from rathaus.authentication.testing import login_with_second_factor
from rathaus.tenants import scope
from tests.tenants.matrix_checks import (
    leaks_in,
    owned_models,
)
from tests.tenants.world import (
    HESSIAN_HOST,
    MARKER,
    PASSWORD,
    SEARCH_WORD,
    World,
)

pytestmark = pytest.mark.django_db


def _changelists() -> list[str]:
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


def _hamburg_change_pages(world: World) -> list[str]:
    """The admin page of one Hamburg row of every registered model that has any."""
    pages = [reverse("admin:tenants_tenant_change", args=[world.hamburg.pk])]
    paths = owned_models()
    with scope.every_tenant():
        for model in admin.site._registry:
            if model not in paths:
                continue
            condition = models.Q()
            for path in paths[model]:
                condition |= models.Q(**{path: world.hamburg})
            row = model._base_manager.filter(condition).first()
            if row is not None:
                label = f"admin:{model._meta.app_label}_{model._meta.model_name}_change"
                pages.append(reverse(label, args=[row.pk]))
    return pages


def test_hessian_staff_see_no_hamburg_row_in_the_admin(hamburg_media):
    """Hessen's own administrator, who administers Hamburg too and holds every admin right
    but is no operator, sees no Hamburg row in any list, search or change page on Hessen's
    address (the admin's querysets are the request's scoped managers)."""
    from django.contrib.auth.models import Permission

    from rathaus.accounts.tenantadmin import appoint_tenant_admin

    world = hamburg_media
    user = User.objects.create_user("landesadmin@example.org", PASSWORD)
    appoint_tenant_admin(user, world.actors["office"].user.memberships.get().authority)
    with scope.activate(world.hamburg):
        appoint_tenant_admin(user, world.authority)
    user.user_permissions.set(Permission.objects.all())
    client = Client(HTTP_HOST=HESSIAN_HOST, raise_request_exception=False)
    login_with_second_factor(client, user)
    found = []
    for url in _changelists():
        for params in ({}, {"q": SEARCH_WORD}):
            response = client.get(url, params)
            if response.status_code not in (200, 403):  # 403: the operators' own lists
                found.append(f"{url} {params} → {response.status_code}")
            found += [f"{url} {params}: {leak}" for leak in leaks_in(world, response, url)]
    for url in _hamburg_change_pages(world):
        response = client.get(url)
        if response.status_code == 200:
            found.append(f"{url} → 200")
        found += [f"{url}: {leak}" for leak in leaks_in(world, response, url)]
    assert not found, "\n".join(found)


def test_operators_see_every_tenant_by_design(hamburg_media):
    """Superusers are the platform's operators: their admin runs in ``every_tenant()``
    (``accounts.adminsite``), so on Hessen's address too they find and open Hamburg's rows,
    each shown with its tenant."""
    world = hamburg_media
    operator = User.objects.create_superuser("operator@example.org", PASSWORD)
    client = Client(HTTP_HOST=HESSIAN_HOST)
    login_with_second_factor(client, operator)
    listed = client.get(reverse("admin:core_authority_changelist"), {"q": SEARCH_WORD})
    assert listed.status_code == 200
    assert MARKER in listed.content.decode() and "Hamburg" in listed.content.decode()
    opened = [client.get(url) for url in _hamburg_change_pages(world)]
    assert opened and all(response.status_code == 200 for response in opened)
