"""Pages about a Land's territory show the tenant's Land only, though the territory of
all Länder is loaded: OZG coverage and the project facets."""

import pytest

from rathaus.coverage.services import coverage_report
from rathaus.projects import facets
from rathaus.tenants import scope

pytestmark = pytest.mark.django_db


def test_coverage_counts_the_gemeinden_of_the_tenants_land(hessen, hamburg, hamburg_tenant):
    keys = {row.municipality.key[:2] for row in coverage_report().municipalities}
    assert keys == {"06"} and len(coverage_report().municipalities) == 421
    with scope.activate(hamburg_tenant):
        report = coverage_report()
        assert [row.municipality.key for row in report.municipalities] == ["02000000"]


def test_each_tenant_keeps_its_own_project_facet_index(hamburg_tenant):
    hessian = facets.current_index()
    with scope.activate(hamburg_tenant):
        hamburgian = facets.current_index()
    assert hessian is not hamburgian
    assert hessian.signature[0] == scope.current().pk
    assert hamburgian.signature[0] == hamburg_tenant.pk
    assert facets.current_index() is hessian  # kept, not rebuilt after the other tenant's


def test_maps_of_a_land_without_shipped_outlines_frame_its_places(
    client, hessen, hamburg, hamburg_tenant
):
    from rathaus.catalog.loading import load_catalog

    load_catalog()
    hessian = client.get("/smart-region/ozg-abdeckung/", HTTP_HOST="hessen.localhost")
    assert "svg-map__base" in hessian.content.decode()  # Hessen's outline and Kreise
    response = client.get("/smart-region/ozg-abdeckung/", HTTP_HOST="hamburg.localhost")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="coverage-map-title"' in html and "svg-map__base" not in html
    assert "02000000" in html and "06411000" not in html


def test_operators_see_every_lands_coverage_others_do_not(client, hessen, hamburg, hamburg_tenant):
    from rathaus.accounts.models import User
    from rathaus.authentication.testing import login_with_second_factor
    from rathaus.catalog.loading import load_catalog
    from rathaus.tenants import services

    load_catalog()
    services.ensure("schleswig-holstein")
    operator = User.objects.create_superuser("betrieb@example.org", "Ein-langes-Passwort-2026")
    citizen = User.objects.create_user("buerger@example.org", "Ein-langes-Passwort-2026")
    login_with_second_factor(client, citizen)
    assert client.get("/smart-region/ozg-abdeckung/laender/").status_code in (302, 403)
    login_with_second_factor(client, operator)
    html = client.get("/smart-region/ozg-abdeckung/laender/").content.decode()
    rows = html.split("<tbody", 1)[1]
    assert rows.index("Hamburg") < rows.index("Hessen") < rows.index("Schleswig-Holstein")
    assert ">421<" in rows and ">1<" in rows and ">0<" in rows  # SH: no territory loaded


@pytest.mark.parametrize(
    ("host", "expected", "absent"),
    [
        ("hamburg.localhost", "HmbBfDI", "HDSIG"),
        ("sh.localhost", "Unabhängiges Landeszentrum für Datenschutz", "HDSIG"),
        ("hessen.localhost", "HDSIG", "HmbBfDI"),
    ],
)
def test_each_land_has_its_own_privacy_page(client, host, expected, absent):
    from rathaus.tenants import services

    services.load_shipped()
    html = client.get("/datenschutz/", HTTP_HOST=host).content.decode()
    assert expected in html and absent not in html


def test_a_land_answers_only_in_its_own_languages(client, hamburg_tenant):
    """A Land that offers German only sends an English address to the German page (query
    kept); a Land offering both answers in English; a POST is never redirected."""
    from rathaus.tenants import services

    hamburg_tenant.languages = "de"
    hamburg_tenant.save()
    services.clear_cache()
    response = client.get("/en/leistungen/?q=Pass", HTTP_HOST="hamburg.localhost")
    assert response.status_code == 302 and response["Location"] == "/leistungen/?q=Pass"
    shared = client.get("/hamburg/en/impressum/")
    assert shared.status_code == 302 and shared["Location"] == "/hamburg/impressum/"
    page = client.get(response["Location"], HTTP_HOST="hamburg.localhost")
    assert page.status_code == 200 and 'hreflang="en"' not in page.content.decode()
    english = client.get("/en/impressum/", HTTP_HOST="hessen.localhost")
    assert english.status_code == 200 and 'lang="en"' in english.content.decode()
    services.clear_cache()
