"""Einer für Alle across Länder: a service built and released for reuse in Hessen is
offered by a Hamburg authority, a Hamburg citizen applies for it in Hamburg's portal, and
the application and its case stay in Hamburg."""

import pytest
from django.test import Client

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Membership, Role
from rathaus.authentication.testing import login_with_second_factor
from rathaus.cases.models import Case
from rathaus.catalog.loading import load_catalog
from rathaus.catalog.models import Offer
from rathaus.core.models import Authority, Territory
from rathaus.definitions.models import Definition
from rathaus.submissions.models import Draft, Submission
from rathaus.tenants import scope

pytestmark = pytest.mark.django_db
PASSWORD = "Ein-langes-Passwort-2026"
DESIGNER = "/verwaltung/dienste/"
SLUG = "hund-anmelden"


def publisher(email, authority):
    user = accounts.create_staff(email, PASSWORD, authority, Role.PUBLISHER)
    Membership.objects.create(user=user, authority=authority, role=Role.DESIGNER)
    return user


def logged_in(user, host):
    client = Client(HTTP_HOST=host)
    login_with_second_factor(client, user)
    return client


@pytest.fixture
def lands(hessen, hamburg, hamburg_tenant):
    load_catalog()
    darmstadt = Authority.objects.create(
        name="Stadt Darmstadt – Bürgerbüro",
        slug="da-buergerbuero",
        territory=Territory.objects.get(key="06411000"),
    )
    with scope.activate(hamburg_tenant):
        mitte = Authority.objects.create(
            name="Bezirksamt Hamburg-Mitte",
            slug="hh-mitte",
            territory=Territory.objects.get(key="02000000"),
        )
    return darmstadt, mitte


def build_in_hessen(darmstadt):
    client = logged_in(publisher("bau@darmstadt.example", darmstadt), "hessen.localhost")
    client.post(
        f"{DESIGNER}neu/",
        {"start": "leer", "leer-title": "Hund anmelden", "leer-title_en": "", "leer-slug": ""},
    )
    field = {"action": "add_field", "step": "angaben", "type": "text", "label": "Name des Hundes"}
    client.post(f"{DESIGNER}{SLUG}/aendern/", {"base": 1, **field})
    assert client.post(f"{DESIGNER}{SLUG}/v2/veroeffentlichen/").status_code == 302
    client.post(f"{DESIGNER}{SLUG}/nachnutzung/", {"reusable": "1"})
    return Definition.objects.get(slug=SLUG)


def test_hamburg_offers_a_hessian_service_and_its_citizen_applies_in_hamburg(lands, hamburg_tenant):
    darmstadt, mitte = lands
    definition = build_in_hessen(darmstadt)
    assert definition.tenant == darmstadt.tenant and definition.reusable

    with scope.activate(hamburg_tenant):
        hamburg_publisher = publisher("freigabe@hamburg.example", mitte)
        clerk = accounts.create_staff("sb@hamburg.example", PASSWORD, mitte, Role.CLERK)
        citizen = accounts.create_citizen(
            "hein@example.org", PASSWORD, given_names="Hein", family_name="Mück",
            municipality=Territory.objects.get(key="02000000"),
        )  # fmt: skip
    designer = logged_in(hamburg_publisher, "hamburg.localhost")
    assert "Hund anmelden" in designer.get(DESIGNER).content.decode()
    designer.post(f"{DESIGNER}{SLUG}/anbieten/")

    with scope.activate(hamburg_tenant):
        offer = Offer.objects.get(service__slug=SLUG)
        assert offer.authority == mitte and offer.tenant == hamburg_tenant
    assert not Offer.objects.filter(service__slug=SLUG).exists()  # not offered in Hessen

    applicant = logged_in(citizen, "hamburg.localhost")
    assert "Bezirksamt Hamburg-Mitte" in applicant.get(f"/leistungen/{SLUG}/").content.decode()
    applicant.post(f"/leistungen/{SLUG}/beantragen/", {"gemeinde": "02000000"})
    with scope.activate(hamburg_tenant):
        draft = Draft.objects.get(user=citizen)
    applicant.post(f"/antrag/{draft.pk}/schritt/1/", {"name_des_hundes": "Bello"})
    key = str(draft.idempotency_key)
    applicant.post(f"/antrag/{draft.pk}/pruefen/", {"idempotency_key": key, "declaration": "yes"})

    with scope.activate(hamburg_tenant):
        submission = Submission.objects.get(user=citizen)
        assert submission.authority == mitte and submission.tenant == hamburg_tenant
        assert submission.answers["name_des_hundes"] == "Bello"
        case = Case.objects.get(submission=submission)
        assert case.tenant == hamburg_tenant
    assert not Submission.objects.exists() and not Case.objects.exists()  # none in Hessen

    inbox = logged_in(clerk, "hamburg.localhost").get("/verwaltung/vorgaenge/")
    assert submission.reference in inbox.content.decode()
    darmstadt_clerk = accounts.create_staff("sb@darmstadt.example", PASSWORD, darmstadt, "clerk")
    elsewhere = logged_in(darmstadt_clerk, "hessen.localhost").get("/verwaltung/vorgaenge/")
    assert submission.reference not in elsewhere.content.decode()


def test_hamburg_forks_a_hessian_service_into_its_own(lands, hamburg_tenant):
    darmstadt, mitte = lands
    original = build_in_hessen(darmstadt)
    published = original.versions.get(status="published")
    with scope.activate(hamburg_tenant):
        designer_user = accounts.create_staff("d@hamburg.example", PASSWORD, mitte, Role.DESIGNER)
    client = logged_in(designer_user, "hamburg.localhost")
    client.post(
        f"{DESIGNER}neu/",
        {"start": "kopie", "kopie-source": published.pk, "kopie-title": "Hund anmelden HH"},
    )
    with scope.activate(hamburg_tenant):
        fork = Definition.objects.get(copied_from=original)
        assert fork.tenant == hamburg_tenant and fork.authority == mitte
    assert not Definition.objects.filter(copied_from=original).exists()  # not in Hessen
