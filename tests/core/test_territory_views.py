"""The territory pages: municipality search (HTML without JavaScript, or JSON for
autocomplete) and the page of one territory.

Proves: ``/gebiete/suche/?q=Darm`` answers JSON with ``Accept: application/json`` or
``?format=json`` and an HTML page otherwise, keeping the query in the form and listing the
results in a KERN table with links; empty, too short, too long and garbage queries get a
German hint (HTTP 400 with ``error`` for JSON) and never crash; the detail page shows name,
kind, key, population, the parent chain with links, the children and the responsible
authorities; unknown or malformed keys give 404; the English pages live under ``/en/``.
"""

import json

import pytest
from django.urls import reverse

from rathaus.core import importers
from rathaus.core.models import Authority, Territory

pytestmark = pytest.mark.django_db

SEARCH = "/gebiete/suche/"


@pytest.fixture(scope="module", autouse=True)
def hessen(django_db_setup, django_db_blocker):
    """Import the extract once for the module (committed), remove it afterwards.

    Each test still runs in its own transaction, so rows a test adds are rolled back.
    """
    with django_db_blocker.unblock():
        importers.import_shipped_extract()
    yield
    with django_db_blocker.unblock():
        for level in reversed(importers.LEVEL_ORDER):
            Territory.objects.filter(level=level).delete()


def test_url_names():
    assert reverse("core:territory_search") == SEARCH
    assert reverse("core:territory_detail", args=["06411000"]) == "/gebiete/06411000/"


@pytest.mark.parametrize(
    ("params", "headers"),
    [({"q": "Darm"}, {"HTTP_ACCEPT": "application/json"}), ({"q": "Darm", "format": "json"}, {})],
)
def test_search_answers_json_for_autocomplete(client, params, headers):
    response = client.get(SEARCH, params, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "Accept" in response["Vary"]
    assert response.json() == [
        {
            "key": "06411000",
            "name": "Darmstadt, Wissenschaftsstadt",
            "kreis": "Darmstadt, Wissenschaftsstadt",
        }
    ]


def test_json_names_the_kreis_and_keeps_umlauts_readable(client):
    response = client.get(SEARCH, {"q": "gieß", "format": "json"})
    first = response.json()[0]
    assert first == {"key": "06531005", "name": "Gießen, Universitätsstadt", "kreis": "Gießen"}
    assert "Gießen" in response.content.decode()
    dieburg = client.get(SEARCH, {"q": "Dieburg", "format": "json"}).json()
    assert dieburg == [{"key": "06432004", "name": "Dieburg, Stadt", "kreis": "Darmstadt-Dieburg"}]
    assert client.get(SEARCH, {"q": "Zzz", "format": "json"}).json() == []


def test_json_limits_the_results(client):
    results = client.get(SEARCH, {"q": "06", "format": "json"}).json()
    assert len(results) == 10
    assert results[0]["key"] == "06412000"


@pytest.mark.parametrize("query", ["", "D", "x" * 101, "<script>", "0641100099", "Darm\x00"])
def test_json_rejects_bad_queries_with_a_german_hint(client, query):
    response = client.get(SEARCH, {"q": query}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert "Bitte" in response.json()["error"] or "Gemeindeschlüssel" in response.json()["error"]


def test_browsers_get_html_even_though_they_accept_anything(client):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get(SEARCH, {"q": "Darm"}, HTTP_ACCEPT=accept)
    assert response["Content-Type"].startswith("text/html")


def test_search_page_without_query_shows_only_the_form(client):
    response = client.get(SEARCH)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label class="kern-label" for="id_q">' in html
    assert 'class="kern-form-input__input"' in html
    assert "kern-table" not in html
    assert "kern-error" not in html
    assert "<title>Gemeindesuche – " in html


def test_search_page_lists_results_and_keeps_the_query(client):
    response = client.get(SEARCH, {"q": "gie"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="gie"' in html
    assert '<table class="kern-table' in html
    assert 'class="kern-table__header' in html
    assert 'href="/gebiete/06531005/"' in html
    assert "Gießen, Universitätsstadt" in html
    assert 'href="/gebiete/06531/"' in html
    assert "89.179" in html  # population with German digit grouping
    assert 'method="get"' in html and 'action="/gebiete/suche/"' in html


def test_search_page_reports_no_results(client):
    html = client.get(SEARCH, {"q": "Zzzz"}).content.decode()
    assert "Keine Gemeinde gefunden" in html
    assert "kern-table" not in html


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("", "mindestens 2 Zeichen"),
        ("   ", "mindestens 2 Zeichen"),
        ("D", "mindestens 2 Zeichen"),
        ("x" * 101, "höchstens 100 Zeichen"),
        ("<script>alert(1)</script>", "nur Buchstaben"),
        ("Darm\x00stadt", "nur Buchstaben"),
        ("%%", "nur Buchstaben"),
        ("064110001", "8 Ziffern"),
    ],
)
def test_search_page_explains_bad_queries(client, query, hint):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert hint in html
    assert "kern-error" in html
    assert "<title>Fehler:" in html
    assert "<script>alert" not in html
    assert "kern-table" not in html


def test_search_refuses_post(client):
    assert client.post(SEARCH, {"q": "Darm"}).status_code == 405


def test_detail_of_a_gemeinde_shows_chain_and_facts(client):
    kreis = Territory.objects.get(key="06411")
    Authority.objects.create(name="Stadt Darmstadt – Bürgerbüro", slug="da", territory=kreis)
    Authority.objects.create(
        name="Land Hessen – Servicestelle", slug="he", territory_id=kreis.parent.parent_id
    )
    response = client.get("/gebiete/06411000/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="kern-heading-x-large">Darmstadt</h1>' in html
    assert "Darmstadt, Wissenschaftsstadt" in html
    assert "Kreisfreie Stadt" in html
    assert "06411000" in html and "064110000000" in html
    assert "167.029" in html
    assert "122,07 km²" in html
    assert "64283" in html
    for key in ["06411", "064", "06"]:
        assert f'href="/gebiete/{key}/"' in html
    assert "Stadt Darmstadt – Bürgerbüro" in html
    assert "Land Hessen – Servicestelle" in html


def test_detail_of_a_kreis_lists_its_gemeinden(client):
    html = client.get("/gebiete/06531/").content.decode()
    assert "Gemeinden (18)" in html
    assert 'href="/gebiete/06531005/"' in html
    assert "Landkreis" in html
    assert "Für dieses Gebiet sind noch keine Behörden hinterlegt." in html


def test_detail_of_the_land_lists_its_regierungsbezirke(client):
    html = client.get("/gebiete/06/").content.decode()
    assert "Regierungsbezirke (3)" in html
    assert "6.280.793" in html
    for key in ["064", "065", "066"]:
        assert f'href="/gebiete/{key}/"' in html


@pytest.mark.parametrize("key", ["99", "06411001", "0641", "abc", "suche1", "064110000"])
def test_unknown_keys_give_404(client, key):
    response = client.get(f"/gebiete/{key}/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_english_pages_live_under_en(client):
    response = client.get("/en/gebiete/suche/", {"q": "Darm"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert 'href="/en/gebiete/06411000/"' in html
    assert client.get("/en/gebiete/06411000/").status_code == 200
    data = json.loads(client.get("/en/gebiete/suche/", {"q": "Darm", "format": "json"}).content)
    assert data[0]["key"] == "06411000"
