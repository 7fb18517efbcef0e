"""The citizen's own Gemeinde from her Servicekonto profile in the catalogue.

Requirement (issue 12): a signed-in citizen with a Gemeinde in her profile finds it filled
in on /leistungen/ and on a service page (also in English), with who is responsible shown
at once and the "Online beantragen" form ready; it is named by its key, so a name that
several Gemeinden share still finds hers; a ``gemeinde`` in the URL still wins (also an
empty one: she cleared the field); anonymous visitors and citizens without a Gemeinde (or
whose Gemeinde was removed from the territory) see the page as before. A Gemeinde given
by its key alone (the result links) shows as "Name (key)"; anything else that names no
Gemeinde is explained next to the field.
"""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import Client

from rathaus.accounts import services as accounts
from rathaus.catalog import services
from rathaus.core.models import Territory
from tests.service_fixtures import PASSWORD

pytestmark = pytest.mark.django_db

DARMSTADT = "Darmstadt (06411000)"


def typed_gemeinde(html: str) -> str:
    """What the Gemeinde input shows ("" when empty)."""
    tag = re.search(r'<input[^>]*id="id_gemeinde"[^>]*>', html)
    assert tag, "no Gemeinde input on the page"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


@pytest.fixture
def citizen_client(citizen):
    client = Client()
    client.force_login(citizen)
    return client


@pytest.fixture
def homeless_client(catalogue):
    """A citizen whose profile names no Gemeinde."""
    user = accounts.create_citizen("max@example.org", PASSWORD, "Max", "Mustermann")
    client = Client()
    client.force_login(user)
    return client


def test_the_profile_fills_in_only_where_the_url_names_no_gemeinde(citizen):
    assert services.own_municipality(citizen).key == "06411000"
    filled = services.catalogue_query(QueryDict("q=Urkunde"), citizen)
    assert filled["gemeinde"] == DARMSTADT and filled["q"] == "Urkunde"
    assert services.catalogue_query(QueryDict("gemeinde=Rodgau"), citizen)["gemeinde"] == "Rodgau"
    assert services.catalogue_query(QueryDict("gemeinde="), citizen)["gemeinde"] == ""
    assert "gemeinde" not in services.catalogue_query(QueryDict(""), AnonymousUser())
    assert services.own_municipality(None) is None


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("06411000", DARMSTADT),
        (" 06411000 ", DARMSTADT),
        ("06411", "06411"),  # a Kreis, not a Gemeinde
        ("06999999", "06999999"),
        ("Darmstadt", "Darmstadt"),
        ("x" * 500, "x" * 500),
    ],
)
def test_a_gemeinde_key_gets_its_name(hessen, given, shown):
    query = services.catalogue_query(QueryDict(urlencode({"gemeinde": given})), None)
    assert query["gemeinde"] == shown


def test_catalogue_shows_the_own_gemeinde_at_once(citizen_client):
    html = citizen_client.get("/leistungen/").content.decode()
    assert typed_gemeinde(html) == DARMSTADT
    assert "Zuständigkeiten für: Darmstadt" in html
    assert "Zuständig: Stadt Darmstadt – Standesamt" in html
    assert "/leistungen/eheurkunde/?gemeinde=06411000" in html


def test_service_page_shows_who_is_responsible_and_the_start_form(citizen_client):
    html = citizen_client.get("/leistungen/eheurkunde/").content.decode()
    assert typed_gemeinde(html) == DARMSTADT
    assert "in Ihrer Gemeinde Darmstadt selbst angeboten" in html
    assert 'name="gemeinde" value="06411000"' in html and "Online beantragen" in html


def test_the_gemeinde_in_the_url_wins(citizen_client):
    other = citizen_client.get("/leistungen/eheurkunde/?gemeinde=Rodgau").content.decode()
    assert typed_gemeinde(other) == "Rodgau"
    assert "Für Rodgau ist uns noch keine zuständige Stelle" in other
    assert "Online beantragen" not in other
    cleared = citizen_client.get("/leistungen/?q=&gemeinde=").content.decode()
    assert typed_gemeinde(cleared) == "" and "Zuständigkeiten für" not in cleared


@pytest.mark.parametrize("who", ["anonymous", "without_gemeinde"])
def test_without_an_own_gemeinde_the_pages_are_unchanged(who, catalogue, homeless_client):
    client = Client() if who == "anonymous" else homeless_client
    for url in ("/leistungen/", "/leistungen/eheurkunde/"):
        html = client.get(url).content.decode()
        assert typed_gemeinde(html) == ""
        assert "Zuständigkeiten für" not in html and "Zuständig:" not in html
        assert "Zuständig ist" not in html and "Online beantragen" not in html


def test_a_result_link_shows_the_gemeinde_by_name(catalogue):
    client = Client()
    results = client.get("/leistungen/?gemeinde=Darmstadt").content.decode()
    assert "/leistungen/eheurkunde/?gemeinde=06411000" in results
    html = client.get("/leistungen/eheurkunde/?gemeinde=06411000").content.decode()
    assert typed_gemeinde(html) == DARMSTADT
    assert 'name="gemeinde" value="06411000"' in html and "Online beantragen" in html


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("06999999", "Es gibt keine Gemeinde mit dem Gemeindeschlüssel „06999999“"),
        ("06411", "Es gibt keine Gemeinde mit dem Gemeindeschlüssel „06411“"),
        ("<b>Nirgendwo</b>", "Wir haben keine Gemeinde „&lt;b&gt;Nirgendwo&lt;/b&gt;“"),
        ("x" * 121, "höchstens 120 Zeichen"),
    ],
)
@pytest.mark.parametrize("url", ["/leistungen/", "/leistungen/eheurkunde/"])
def test_a_gemeinde_that_names_none_is_explained(citizen_client, url, given, message):
    response = citizen_client.get(url, {"gemeinde": given})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and 'aria-invalid="true"' in html
    assert "<b>Nirgendwo" not in html
    assert "Zuständig:" not in html and "Zuständig ist" not in html
    assert "Online beantragen" not in html


def test_the_own_gemeinde_in_english(citizen_client):
    html = citizen_client.get("/en/leistungen/").content.decode()
    assert typed_gemeinde(html) == DARMSTADT
    assert "Responsible offices for: Darmstadt" in html
    assert "/en/leistungen/eheurkunde/?gemeinde=06411000" in html
    detail = citizen_client.get("/en/leistungen/eheurkunde/?gemeinde=06411000").content.decode()
    assert typed_gemeinde(detail) == DARMSTADT and "Apply online" in detail


def test_a_name_several_gemeinden_share_still_finds_hers(citizen, citizen_client):
    kreis = Territory.objects.get(key="06432")
    Territory.objects.create(key="06432099", name="Darmstadt", level="gemeinde", parent=kreis)
    html = citizen_client.get("/leistungen/eheurkunde/").content.decode()
    assert typed_gemeinde(html) == DARMSTADT
    assert "passen mehrere Gemeinden" not in html and "Online beantragen" in html


def test_a_removed_gemeinde_leaves_the_field_empty(catalogue):
    rodgau = Territory.objects.get(key="06438011")
    user = accounts.create_citizen("rosa@example.org", PASSWORD, "Rosa", "R", municipality=rodgau)
    rodgau.delete()
    client = Client()
    client.force_login(user)
    html = client.get("/leistungen/").content.decode()
    assert typed_gemeinde(html) == "" and "Zuständigkeiten für" not in html
