"""The citizen's own Gemeinde from her Servicekonto profile in the catalogue.

Requirement (issue 12): a signed-in citizen with a Gemeinde in her profile finds it filled
in on /leistungen/ and on a service page, with who is responsible shown at once and the
"Online beantragen" form ready; a ``gemeinde`` in the URL still wins (also an empty one:
she cleared the field); anonymous visitors and citizens without a Gemeinde see the page
as before.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.test import Client

from rathaus.accounts import services as accounts
from rathaus.catalog import services
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
    filled = services.with_own_municipality(QueryDict("q=Urkunde"), citizen)
    assert filled["gemeinde"] == DARMSTADT and filled["q"] == "Urkunde"
    assert services.with_own_municipality(QueryDict("gemeinde=Rodgau"), citizen)["gemeinde"] == (
        "Rodgau"
    )
    assert services.with_own_municipality(QueryDict("gemeinde="), citizen)["gemeinde"] == ""
    assert "gemeinde" not in services.with_own_municipality(QueryDict(""), AnonymousUser())
    assert services.own_municipality(None) is None


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
