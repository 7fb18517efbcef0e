"""``manage.py load_catalog`` runs in a tenant's scope: the catalogue is shared by every
tenant; the shipped definitions are shared too, stored by ``--tenant`` (by default the
default tenant)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rathaus.catalog.models import Service
from rathaus.definitions.models import Definition
from rathaus.tenants import services
from rathaus.tenants.scope import activate, every_tenant
from tests.unscoped import unscoped

pytestmark = pytest.mark.django_db


def load_catalog(**options) -> str:
    out = StringIO()
    unscoped(call_command, "load_catalog", stdout=out, **options)
    return out.getvalue()


def owners() -> set[str]:
    with every_tenant():
        return set(Definition.objects.values_list("tenant__slug", flat=True))


def test_the_default_tenant_owns_the_shipped_definitions_and_all_share_the_catalogue():
    assert "8 definitions published" in load_catalog()
    assert owners() == {"hessen"}
    with activate(services.ensure("hamburg")):
        assert Service.objects.filter(slug="eheurkunde").exists()
        assert Definition.objects.filter(slug="eheurkunde").exists()  # shipped: shared


def test_another_tenant_may_load_them_on_a_fresh_database():
    load_catalog(tenant="hamburg")
    assert owners() == {"hamburg"}


def test_loading_again_for_another_tenant_changes_nothing_an_unknown_tenant_is_refused():
    load_catalog()
    assert "8 definitions published" in load_catalog(tenant="hamburg")
    assert owners() == {"hessen"}
    with pytest.raises(CommandError, match="No tenant 'atlantis'"):
        load_catalog(tenant="atlantis")
