"""The catalogue: services with their facts, who is responsible where, and search.

Requirement: responsibility resolves Gemeinde → Kreis → Regierungsbezirk → Land with the
first offer winning, and the page explains who and why; the catalogue pages work with and
without a Gemeinde, refuse unknown Gemeinden with a message and keep the input; German
full-text search with stemming and synonyms, filtered by life situation.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rathaus.catalog import services
from rathaus.catalog.loading import load_catalog
from rathaus.catalog.models import LifeSituation, Offer, Service
from rathaus.core.models import Authority, Territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(hessen):
    load_catalog()
    land = Territory.objects.get(key="06")

    def authority(slug, key):
        return Authority.objects.create(
            name=slug, slug=slug, territory=Territory.objects.get(key=key)
        )

    kreis_office = authority("kreis-offenbach-fuehrerschein", "06438")
    dietzenbach = authority("dietzenbach-buergerbuero", "06438001")
    state = authority("land-elterngeld", "06")
    licence = Service.objects.get(slug="fuehrerschein")
    Offer.objects.create(service=licence, authority=kreis_office, territory=kreis_office.territory)
    Offer.objects.create(service=licence, authority=dietzenbach, territory=dietzenbach.territory)
    Offer.objects.create(
        service=Service.objects.get(slug="elterngeld"), authority=state, territory=land
    )
    return {"kreis": kreis_office, "dietzenbach": dietzenbach, "land": state}


def gemeinde(key):
    return Territory.objects.get(key=key)


def test_shipped_catalogue_loads_idempotently(catalogue):
    assert load_catalog() == (8, 10)
    assert Service.objects.count() == 10 and LifeSituation.objects.count() == 8
    assert Service.objects.get(slug="wohnsitz-anmelden").leika_key == "99115005104000"
    assert Service.objects.get(slug="reisepass").leika_key == ""  # not confirmed: left empty


def test_nearest_offer_wins(catalogue):
    licence = Service.objects.get(slug="fuehrerschein")
    own = services.resolve(licence, gemeinde("06438001"))
    assert own.offer.authority == catalogue["dietzenbach"]
    assert "in Ihrer Gemeinde Dietzenbach selbst" in own.explanation()
    rodgau = services.resolve(licence, gemeinde("06438011"))
    assert rodgau.offer.authority == catalogue["kreis"]
    assert "für das ganze Gebiet" in rodgau.explanation() and "Rodgau" in rodgau.explanation()


def test_land_offer_serves_every_gemeinde_and_missing_offers_are_explained(catalogue):
    allowance = Service.objects.get(slug="elterngeld")
    assert services.resolve(allowance, gemeinde("06611000")).offer.authority == catalogue["land"]
    nothing = services.resolve(Service.objects.get(slug="hund-anmelden"), gemeinde("06611000"))
    assert nothing.offer is None and "noch keine zuständige Stelle" in nothing.explanation()


def test_fee_overrides_ignore_garbage(catalogue):
    offer = Offer(fee_overrides={"urkunde": "14.50", "kaputt": "viel", "minus": "-3"})
    assert services.fee_overrides(offer) == {"urkunde": services.Decimal("14.50")}


def test_index_and_detail_pages(client, catalogue):
    page = client.get("/leistungen/").content.decode()
    assert "Reisepass beantragen" in page and "Wohnsitz anmelden" in page
    detail = client.get("/leistungen/fuehrerschein/?gemeinde=Rodgau").content.decode()
    assert "Zuständig ist: kreis-offenbach-fuehrerschein." in detail
    assert "Straßenverkehrsgesetz" in detail
    assert client.get("/leistungen/gibt-es-nicht/").status_code == 404


def test_unknown_gemeinde_gives_a_message_and_keeps_the_input(client, catalogue):
    html = client.get("/leistungen/fuehrerschein/?gemeinde=Atlantis").content.decode()
    assert "Wir haben keine Gemeinde „Atlantis“ gefunden." in html
    assert 'value="Atlantis"' in html


def test_filter_by_life_situation(client, catalogue):
    html = client.get("/leistungen/?lebenslage=tiere").content.decode()
    assert "Hund anmelden" in html and "Reisepass beantragen" not in html
    assert client.get("/leistungen/?lebenslage=unbekannt").status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Perso", "personalausweis"),
        ("Pass", "reisepass"),
        ("Umzug", "wohnsitz-anmelden"),
        ("Hundesteuer", "hund-anmelden"),
        ("Fahrerlaubnis", "fuehrerschein"),
        ("Heirat", "eheurkunde"),
        ("Kinder", "elterngeld"),
        ("Bafög", "bafoeg"),
    ],
)
def test_search_with_stemming_and_synonyms(catalogue, query, expected):
    slugs = [service.slug for service in services.find_services(query)]
    assert expected in slugs, (query, slugs)


@pytest.mark.parametrize("query", ['"', "*", "NEAR(", "a OR", "')--", "ä" * 300])
def test_hostile_queries_do_not_break_the_page(client, catalogue, query):
    assert client.get("/leistungen/", {"q": query}).status_code == 200


def test_filter_to_services_online_in_my_gemeinde(client, catalogue):
    html = client.get("/leistungen/", {"gemeinde": "Rodgau", "online": "on"}).content.decode()
    assert "Führerschein" in html and "Elterngeld" in html
    assert "Gewerbe anmelden" not in html and "Reisepass beantragen" not in html


def test_the_catalogue_says_what_was_searched_as_typed(client, hessen):
    from rathaus.catalog.loading import load_catalog

    load_catalog()
    page = client.get("/leistungen/", {"q": "PERSO <b>"}).content.decode()
    assert "Gesucht wurde nach: „PERSO &lt;b&gt;“" in page
    english = client.get("/en/leistungen/", {"q": "Perso"}).content.decode()
    assert "Searched for: “Perso”" in english


def test_the_catalogue_for_a_gemeinde_asks_the_same_number_of_queries_for_more_services(
    client, catalogue, django_assert_max_num_queries
):
    """Who is responsible is found for all listed services at once, not service by service."""
    path = "/leistungen/?gemeinde=06438001"
    client.get(path)  # per-process caches (territory names, branding) filled
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for number, original in enumerate(Service.objects.all()[:5]):
        original.pk, original.id = None, None
        original.slug, original.leika_key = f"kopie-{number}", ""
        original.save()
        Offer.objects.create(service=original, authority=catalogue["dietzenbach"],
                             territory=catalogue["dietzenbach"].territory)  # fmt: skip
    with django_assert_max_num_queries(len(few)):
        html = client.get(path).content.decode()
    assert html.count("Zuständig: dietzenbach-buergerbuero") == 6  # the Führerschein and five


def test_resolving_many_services_equals_resolving_each(catalogue):
    every = list(Service.objects.all())
    for key in ("06438001", "06438011", "06611000"):
        many = services.resolve_many(every, gemeinde(key))
        for service in every:
            one = services.resolve(service, gemeinde(key))
            assert many[service.pk].offer == one.offer and many[service.pk].chain == one.chain


def test_a_long_catalogue_is_paged_and_every_service_is_reachable(client, catalogue):
    for number in range(25):
        Service.objects.create(slug=f"leistung-{number:02d}", name=f"Zulassung {number:02d}",
                               summary="Eine Leistung.")  # fmt: skip
    total = Service.objects.count()
    first = client.get("/leistungen/").content.decode()
    assert f"{total} Leistungen" in first and 'aria-current="page"' in first
    seen = set()
    for number in range(1, (total + services.CATALOGUE_PAGE - 1) // services.CATALOGUE_PAGE + 1):
        html = client.get("/leistungen/", {"seite": number}).content.decode()
        seen |= set(re.findall(r'href="/leistungen/([a-z0-9-]+)/"', html))
    assert seen == set(Service.objects.values_list("slug", flat=True))
    searched = client.get("/leistungen/", {"q": "Zulassung", "gemeinde": "Rodgau"}).content.decode()
    assert "seite=2" in searched and "gemeinde=Rodgau" in searched  # the search stays on
    assert client.get("/leistungen/", {"seite": "kaputt"}).status_code == 200
