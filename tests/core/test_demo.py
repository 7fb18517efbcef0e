"""The demo of the three shipped Länder (``manage.py load_demo``, as ``make demo`` runs it):
each tenant gets its own authorities, offers, staff logins, projects and an event, sees
none of the other tenants' rows, and loading the demo again changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rathaus.accounts.models import Membership, User
from rathaus.audit.services import verify_chain
from rathaus.catalog.loading import load_catalog
from rathaus.catalog.models import Offer
from rathaus.core.demo import LANDS
from rathaus.core.models import Authority
from rathaus.definitions.services import load_shipped
from rathaus.events.models import Event
from rathaus.projects.models import Project
from rathaus.tenants import services
from rathaus.tenants.scope import activate, every_tenant
from tests.unscoped import unscoped

pytestmark = pytest.mark.django_db

SLUGS = ["hessen", "hamburg", "schleswig-holstein"]
HAMBURG = {"hamburg-mitte-kundenzentrum": "02000000", "altona-standesamt": "02000000",
           "hamburg-lbv-fuehrerscheine": "02000000", "smart-region-hamburg": "02"}  # fmt: skip
SCHLESWIG_HOLSTEIN = {"kiel-buergerbuero": "01002000", "luebeck-standesamt": "01003000",
                      "kreis-pinneberg-fuehrerscheinstelle": "01056",
                      "smart-region-schleswig-holstein": "01"}  # fmt: skip


def load(**options) -> str:
    out = StringIO()
    unscoped(call_command, "load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def catalogue(hessen, hamburg, schleswig_holstein, settings):
    """The three Länder's territory and the catalogue, as ``make demo`` loads them first."""
    settings.DEBUG = True
    load_shipped()
    load_catalog()


@pytest.fixture
def demo(catalogue) -> str:
    return load()


def snapshot() -> dict[str, list[tuple]]:
    """Every tenant's demo rows as plain values (with the tenant each belongs to)."""
    with every_tenant():
        return {
            "authorities": sorted(Authority.objects.values_list(
                "tenant__slug", "slug", "name", "territory__key", "street_address", "email")),
            "offers": sorted(Offer.objects.values_list(
                "tenant__slug", "service__slug", "territory__key", "authority__slug", "contact",
                "opening_hours", "fee_overrides", "online")),
            "memberships": sorted(Membership.objects.values_list(
                "tenant__slug", "user__email", "authority__slug", "role")),
            "users": sorted(User.objects.values_list("email", "is_staff", "is_superuser")),
            "projects": sorted(Project.objects.values_list(
                "tenant__slug", "slug", "state", "authority__slug", "is_example")),
            "events": sorted(Event.objects.values_list(
                "tenant__slug", "slug", "title", "state", "starts_at", "organiser__slug")),
        }  # fmt: skip


def test_each_land_gets_its_own_demo_in_its_own_scope(demo):
    for slug in SLUGS:
        tenant = services.by_slug(slug)
        land = LANDS[slug]
        with activate(tenant):
            authorities = Authority.objects.all()
            slugs = set(authorities.values_list("slug", flat=True))
            assert {row[0] for row in land.authorities} <= slugs
            assert all(key.startswith(tenant.land_key)
                       for key in authorities.values_list("territory__key", flat=True))  # fmt: skip
            offers = Offer.objects.select_related("territory", "authority")
            assert offers.count() >= 9
            assert all(o.territory.key.startswith(tenant.land_key) for o in offers)
            assert Project.objects.filter(published__isnull=False, is_example=True).exists()
            event = Event.objects.filter(state=Event.State.PUBLISHED).first()
            assert event is not None and event.is_example and event.organiser.slug == land.office
            assert verify_chain() is None
    for slug in SLUGS:
        assert f"{services.by_slug(slug).portal_name} (" in demo


def test_hamburg_and_schleswig_holstein_have_their_authorities_and_nothing_else(demo):
    for slug, expected in (("hamburg", HAMBURG), ("schleswig-holstein", SCHLESWIG_HOLSTEIN)):
        with activate(services.by_slug(slug)):
            found = dict(Authority.objects.values_list("slug", "territory__key"))
            assert found == expected
            assert not Authority.objects.filter(slug="darmstadt-buergerbuero").exists()
            assert Project.objects.count() == 2 and Event.objects.count() == 1
    with activate(services.by_slug("hamburg")):
        assert not Authority.objects.filter(slug="kiel-buergerbuero").exists()
        reisepass = Offer.objects.get(service__slug="reisepass")
        assert reisepass.authority.slug == "hamburg-mitte-kundenzentrum"
        assert Offer.objects.get(service__slug="eheurkunde").authority.slug == "altona-standesamt"
        licence = Offer.objects.get(service__slug="fuehrerschein")
        assert licence.authority.slug == "hamburg-lbv-fuehrerscheine"
    with activate(services.by_slug("hessen")):
        assert not Authority.objects.filter(slug__in=[*HAMBURG, *SCHLESWIG_HOLSTEIN]).exists()
        assert Event.objects.count() == 11


def test_staff_logins_hold_roles_in_their_own_tenant_only(demo):
    with every_tenant():
        for slug in SLUGS:
            land = LANDS[slug]
            for local in (
                "sachbearbeitung",
                "dienstgestaltung",
                "smart-region",
                "landesverwaltung",
            ):
                tenants = Membership.objects.filter(user__email=land.email(local))
                assert set(tenants.values_list("tenant__slug", flat=True)) == {slug}
            citizen = User.objects.get(email=land.email("buerger"))
            key = citizen.citizen_profile.municipality.key
            assert key.startswith(services.by_slug(slug).land_key)
        assert User.objects.get(email="smart-region@hamburg.demo.rathaus.invalid").is_staff
    assert demo.count("admin@demo.rathaus.invalid") == 1  # one platform admin, listed once
    assert "sachbearbeitung@hamburg.demo.rathaus.invalid" in demo
    assert "smart-region@sh.demo.rathaus.invalid" in demo
    assert "landesverwaltung@hamburg.demo.rathaus.invalid" in demo  # the Land's admin


def test_loading_the_demo_again_changes_nothing(demo):
    before = snapshot()
    load()
    assert snapshot() == before
    with every_tenant():
        assert Project.objects.filter(tenant__slug="hamburg").count() == 2


def test_each_portal_shows_its_own_name_and_authorities(demo, client):
    for host, portal in (("hessen.localhost", "Rathaus Hessen"),
                         ("hamburg.localhost", "Rathaus Hamburg"),
                         ("sh.localhost", "Rathaus Schleswig-Holstein")):  # fmt: skip
        assert f"– {portal}</title>" in client.get("/", HTTP_HOST=host).content.decode()
    page = client.get("/leistungen/reisepass/?gemeinde=02000000", HTTP_HOST="hamburg.localhost")
    assert "Bezirksamt Hamburg-Mitte – Kundenzentrum" in page.content.decode()
    page = client.get("/leistungen/fuehrerschein/?gemeinde=01056015", HTTP_HOST="sh.localhost")
    assert "Kreis Pinneberg – Führerscheinstelle" in page.content.decode()
    page = client.get("/hamburg/leistungen/eheurkunde/?gemeinde=02000000")  # path prefix
    assert "Bezirksamt Altona – Standesamt" in page.content.decode()
    # another Land's Gemeinde: Hamburg's portal knows no office there
    page = client.get("/leistungen/reisepass/?gemeinde=06411000", HTTP_HOST="hamburg.localhost")
    assert "Stadt Darmstadt" not in page.content.decode()
    events = client.get("/veranstaltungen/", HTTP_HOST="hamburg.localhost").content.decode()
    assert "Werkstatt Digitale Stadt" in events and "Digitale Städte" not in events


def test_one_tenant_with_tenant_option(catalogue):
    output = load(tenant="hamburg")
    assert "Rathaus Hamburg" in output and "Rathaus Hessen" not in output
    with every_tenant():
        tenants = set(Authority.objects.values_list("tenant__slug", flat=True))
    assert tenants == {"hamburg"}
    with pytest.raises(CommandError):
        load(tenant="atlantis")


def test_every_lands_territory_is_needed_first(hessen, hamburg, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="schleswig-holstein"):
        load()
    with every_tenant():
        assert not Authority.objects.exists()  # nothing loaded
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        load()
