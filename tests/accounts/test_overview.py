"""The "Mein Konto" page (/konto/): what it shows, asked of the database a fixed number of times.

Requirement: the overview shows the roles, the authorities, the Servicekonto data with its
Gemeinde, the organisations, the unread messages and whether a second factor is on; it
reads each of them once (issue 16: signed-in pages fast); who counts as staff is kept on
the user row, so once known it is not asked at all although the second factor check, the
header and the page all want it.
"""

from __future__ import annotations

import pytest

from rathaus.accounts import services as accounts
from rathaus.core.models import Territory
from rathaus.postbox import services as postbox

pytestmark = pytest.mark.django_db
PASSWORD = "Ein-langes-Passwort-2026"
STAFF_QUERY = "accounts_membership"  # who counts as staff asks whether she has one


@pytest.fixture
def erika(client, hessen):
    user = accounts.create_citizen(
        "erika@example.org", PASSWORD, given_names="Erika", family_name="Mustermann",
        street="Rheinstraße", house_number="12", postal_code="64283", city="Darmstadt",
        municipality=Territory.objects.get(key="06411000"),
    )  # fmt: skip
    postbox.deliver(user, sender_name="Stadt Darmstadt", subject="Hallo", body="Text")
    assert client.login(email="erika@example.org", password=PASSWORD)
    return user


def test_overview_shows_profile_roles_and_unread(client, erika):
    html = client.get("/konto/").content.decode()
    assert "Erika Mustermann" in html and "Darmstadt (06411000)" in html
    assert "Bürgerin/Bürger" in html or "Bürger" in html
    assert "1 ungelesene Nachricht" in html
    assert "Zur Verwaltung" not in html


def test_overview_reads_each_thing_once(client, erika, django_assert_max_num_queries):
    client.get("/konto/")  # the session and the definition caches are warm
    with django_assert_max_num_queries(7) as captured:
        assert client.get("/konto/").status_code == 200
    staff_checks = [q for q in captured.captured_queries if "EXISTS" in q["sql"]]
    assert staff_checks == [], "who counts as staff is kept on the user row"
    assert sum(STAFF_QUERY in q["sql"] for q in captured.captured_queries) == 1  # the list


def test_staff_member_sees_the_way_to_the_staff_area(client, hessen):
    from rathaus.core.models import Authority

    darmstadt = Territory.objects.get(key="06411000")
    authority = Authority.objects.create(name="Bürgerbüro", slug="bb", territory=darmstadt)
    accounts.create_staff("clerk@example.org", PASSWORD, authority, "clerk")
    assert client.login(email="clerk@example.org", password=PASSWORD)
    session = client.session
    session["rathaus_second_factor_verified"] = True
    session.save()
    response = client.get("/konto/")
    if response.status_code == 302:  # the second factor first: still asked only once
        assert "/zwei-faktor" in response["Location"] or "totp" in response["Location"]
        return
    html = response.content.decode()
    assert "Zur Verwaltung" in html and "Bürgerbüro" in html
