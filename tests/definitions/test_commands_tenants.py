"""The definition commands run in a tenant's scope: ``load_definitions`` and
``import_fim --draft`` store definitions of ``--tenant`` (by default the default tenant);
a dry run of ``import_fim`` stores nothing in any tenant."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from rathaus.definitions.models import Definition
from rathaus.definitions.services import SHIPPED_DIR
from rathaus.tenants.scope import every_tenant
from tests.definitions.fim.conftest import FISCHEREI
from tests.unscoped import unscoped

pytestmark = pytest.mark.django_db


def run(*args: str, **options) -> str:
    out = StringIO()
    unscoped(call_command, *args, stdout=out, **options)
    return out.getvalue()


def owners() -> dict[str, str]:
    with every_tenant():
        return dict(Definition.objects.values_list("slug", "tenant__slug"))


def test_load_definitions_stores_them_for_the_chosen_tenant():
    run("load_definitions", str(SHIPPED_DIR / "eheurkunde.yaml"))
    run("load_definitions", str(SHIPPED_DIR / "reisepass.yaml"), tenant="hamburg")
    assert owners() == {"eheurkunde": "hessen", "reisepass": "hamburg"}


def test_import_fim_stores_a_draft_for_the_chosen_tenant():
    assert "Probelauf" in run("import_fim", str(FISCHEREI))
    assert owners() == {}
    run("import_fim", str(FISCHEREI), "--draft", tenant="schleswig-holstein")
    assert owners() == {"fim-s99000000001": "schleswig-holstein"}
