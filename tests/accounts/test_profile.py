"""Profile edit of the Servicekonto: the Gemeinde is found by 8-digit AGS, by
"Name (AGS)" or by a unique name; an ambiguous name is refused with a list of the matches
and their keys (offered in a server-side datalist too); birth date, postal code and phone
are checked; invalid input keeps everything typed; changes are audit-logged by field name."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from rathaus.accounts.models import CitizenProfile
from rathaus.audit.models import AuditEntry
from rathaus.authentication.testing import login_with_second_factor
from tests.accounts.factories import citizen, hessen, staff, territory

pytestmark = pytest.mark.django_db

URL = reverse("accounts:profile")


@pytest.fixture
def places():
    found = hessen()
    kreis_a = territory("06634", "Schwalm-Eder-Kreis", found["land"])
    kreis_b = territory("06635", "Waldeck-Frankenberg", found["land"])
    found["neukirchen_a"] = territory("06634016", "Neukirchen, Stadt", kreis_a, population=7000)
    found["neukirchen_b"] = territory("06635099", "Neukirchen", kreis_b, population=3000)
    found["kassel"] = territory("06611000", "Kassel, documenta-Stadt", found["land"])
    return found


def data(**overrides):
    values = {
        "given_names": "Erika",
        "family_name": "Mustermann",
        "birth_date": "1964-08-12",
        "street": "Rheinstraße",
        "house_number": "12a",
        "postal_code": "64283",
        "city": "Darmstadt",
        "municipality": "06411000",
        "phone": "+49 6151 12345",
    }
    values.update(overrides)
    return values


def test_profile_edit_with_ags(client, places):
    user = citizen()
    client.force_login(user)
    response = client.post(URL, data())
    assert response.status_code == 302
    assert response.url == reverse("accounts:overview")
    profile = CitizenProfile.objects.get(user=user)
    assert profile.municipality == places["darmstadt"]
    assert profile.birth_date == datetime.date(1964, 8, 12)
    assert profile.house_number == "12a"
    entry = AuditEntry.objects.filter(verb="accounts.profile_updated").last()
    assert "municipality" in entry.data["fields"] and "street" in entry.data["fields"]
    assert "Rheinstraße" not in str(entry.data)  # names of fields, not the personal data
    overview = client.get(reverse("accounts:overview")).content.decode()
    assert "Darmstadt (06411000)" in overview

    page = client.get(URL).content.decode()
    assert 'value="Darmstadt (06411000)"' in page  # shown the way it can be typed again
    assert client.post(URL, data(municipality="Darmstadt (06411000)")).status_code == 302


def test_unique_name_is_resolved(client, places):
    user = citizen()
    client.force_login(user)
    assert client.post(URL, data(municipality="kassel")).status_code == 302
    assert CitizenProfile.objects.get(user=user).municipality == places["kassel"]


def test_ambiguous_name_lists_the_matches_with_their_keys(client, places):
    user = citizen()
    client.force_login(user)
    response = client.post(URL, data(municipality="Neukirchen", street="Am Markt"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte korrigieren Sie 1 Angabe" in html
    assert "Zu „Neukirchen“ passen mehrere Gemeinden" in html
    assert "Neukirchen, Schwalm-Eder-Kreis (06634016)" in html
    assert "Neukirchen, Waldeck-Frankenberg (06635099)" in html
    assert '<option value="Neukirchen (06634016)">' in html  # offered without JavaScript
    assert 'value="Am Markt"' in html  # the rest of the input is kept
    assert CitizenProfile.objects.get(user=user).street == ""

    assert client.post(URL, data(municipality="Neukirchen (06635099)")).status_code == 302
    assert CitizenProfile.objects.get(user=user).municipality == places["neukirchen_b"]


def test_unknown_key_and_name_are_explained(client, places):
    client.force_login(citizen())
    html = client.post(URL, data(municipality="06999999")).content.decode()
    assert "Es gibt keine Gemeinde mit dem Gemeindeschlüssel „06999999“" in html
    html = client.post(URL, data(municipality="Atlantis")).content.decode()
    assert "Wir haben keine Gemeinde „Atlantis“ gefunden" in html


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("birth_date", "2999-01-01", "nicht in der Zukunft"),
        ("birth_date", "1899-12-31", "nicht vor dem Jahr 1900"),
        ("birth_date", "31.02.1980", "gültiges Datum"),
        ("postal_code", "6428", "genau 5 Ziffern"),
        ("postal_code", "6428x", "genau 5 Ziffern"),
        ("phone", "ruf mich an", "Telefonnummer"),
        ("given_names", "", "Bitte geben Sie Ihren Vornamen ein."),
    ],
)
def test_invalid_values_are_refused_keeping_input(client, places, field, value, message):
    user = citizen()
    client.force_login(user)
    response = client.post(URL, data(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Fehler:" in html
    assert message in html
    assert 'value="Rheinstraße"' in html or field == "street"
    assert CitizenProfile.objects.get(user=user).street == ""


def test_german_date_format_is_accepted(client, places):
    user = citizen()
    client.force_login(user)
    assert client.post(URL, data(birth_date="12.08.1964")).status_code == 302
    assert CitizenProfile.objects.get(user=user).birth_date == datetime.date(1964, 8, 12)


def test_empty_municipality_is_allowed(client, places):
    user = citizen(municipality=places["darmstadt"])
    client.force_login(user)
    assert client.post(URL, data(municipality="")).status_code == 302
    assert CitizenProfile.objects.get(user=user).municipality is None


def test_datalist_offers_the_lands_municipalities(client, places):
    client.force_login(citizen())
    html = client.get(URL).content.decode()
    assert 'list="gemeinde-vorschlaege"' in html
    assert '<datalist id="gemeinde-vorschlaege">' in html
    assert '<option value="Darmstadt (06411000)">' in html


def test_staff_without_profile_can_create_one(client, places):
    clerk = staff()
    login_with_second_factor(client, clerk)
    assert client.get(URL).status_code == 200
    assert client.post(URL, data()).status_code == 302
    assert CitizenProfile.objects.get(user=clerk).family_name == "Mustermann"
