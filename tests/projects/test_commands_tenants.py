"""The project commands and tenants: ``reindex_projects`` rebuilds every tenant's index
(each entry keeps its project's tenant) or, with ``--tenant``, one tenant's only;
``import_model_projects`` and ``grant_office_rights`` touch no tenant's rows and need
no scope."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.core.models import Authority, Territory
from rathaus.projects import editorial
from rathaus.projects.indexing import KIND
from rathaus.projects.models import ModelProject, Project
from rathaus.search import services as search
from rathaus.search.models import SearchEntry
from rathaus.tenants import services
from rathaus.tenants.scope import activate, every_tenant
from tests.unscoped import unscoped

pytestmark = pytest.mark.django_db
PASSWORD = "Ein-langes-Passwort-2026"


def run(*args: str, **options) -> str:
    out = StringIO()
    unscoped(call_command, *args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def two_projects(darmstadt_staff, make_project, hamburg) -> dict[str, Project]:
    """A published project in Hessen and one in Hamburg (by Hamburg's office)."""
    user, authority = darmstadt_staff
    hessian = make_project(user, authority)
    with activate(services.ensure("hamburg")):
        land = Territory.objects.get(key="02")
        office = Authority.objects.create(slug="digitale-stadt", name="Stadt", territory=land)
        staff = accounts.create_staff("office@hamburg.example", PASSWORD, office, Role.SMART_REGION)
        data = {"title": "Digitaler Zwilling", "summary": "Kurz.", "description": "Lang.",
                "territories": [Territory.objects.get(key="02000000")], "status": "idee",
                "transferability": "hoch"}  # fmt: skip
        hamburgian = editorial.create_project(staff, office, data)
        editorial.submit(staff, hamburgian)
        editorial.publish(staff, hamburgian)
    return {"hessen": hessian, "hamburg": hamburgian}


def indexed() -> dict[str, str]:
    with every_tenant():
        entries = SearchEntry.objects.filter(kind=KIND)
        return dict(entries.values_list("object_id", "tenant__slug"))


def test_reindex_covers_every_tenant_each_entry_with_its_tenant(two_projects):
    with every_tenant():
        search.clear(KIND)
    assert "2 published projects indexed." in run("reindex_projects")
    expected = {str(project.pk): slug for slug, project in two_projects.items()}
    assert indexed() == expected
    with activate(services.ensure("hamburg")):  # each tenant finds its own only
        hits = search.search(KIND, "Zwilling") + search.search(KIND, "Abfallsammlung")
        assert [hit.object_id for hit in hits] == [str(two_projects["hamburg"].pk)]


def test_reindex_of_one_tenant_leaves_the_others_alone(two_projects):
    with every_tenant():
        search.clear(KIND)
    assert "1 published projects indexed." in run("reindex_projects", tenant="hamburg")
    assert indexed() == {str(two_projects["hamburg"].pk): "hamburg"}
    run("reindex_projects", tenant="hessen")
    assert len(indexed()) == 2


def test_commands_on_shared_rows_need_no_scope(hessen, office):
    assert "Modellprojekte Smart Cities imported." in run("import_model_projects")
    assert ModelProject.objects.exists()
    assert "may now edit" in run("grant_office_rights", "office@smart-region.example")
    assert User.objects.get(email="office@smart-region.example").is_staff
