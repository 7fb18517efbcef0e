"""Who may open and change which consulting request.

The matrix calls every route of ``rathaus.consulting.urls`` as each actor, each on a
fresh request of partner A (Darmstadt): a new route is part of the matrix and fails it
until it has an expectation.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.consulting import urls as consulting_urls
from rathaus.consulting.models import ConsultingRequest, Status
from rathaus.organisations.services import (
    create_municipal_staff,
    municipal_authorities,
)
from tests.consulting.helpers import PASSWORD, authority, staff_client

pytestmark = pytest.mark.django_db

POST_ROUTES = {"assign", "status", "partner", "note", "feedback"}
REFUSED = {"index": 403, "new": 403, "mine": 200, "mine_detail": 404, "feedback": 404,
           "queue": 403, "overview": 403, "detail": 403, "assign": 403, "status": 403,
           "partner": 403, "note": 403}  # fmt: skip
EXPECTED = {
    "requester": {**REFUSED, "index": 200, "new": 200, "mine_detail": 200, "feedback": 400},
    "other municipal": {**REFUSED, "index": 200, "new": 200},
    "consultant A": {**REFUSED, "index": 200, "queue": 200, "detail": 200, "assign": 302,
                     "status": 302, "note": 302},
    "consultant B": {**REFUSED, "index": 200, "queue": 200, "detail": 404, "assign": 404,
                     "status": 404, "partner": 404, "note": 404},
    "office": {**REFUSED, "index": 200, "overview": 200, "detail": 200, "assign": 302,
               "status": 302, "partner": 400, "note": 302},
    "clerk": REFUSED,
}  # fmt: skip


def routes(reference: str) -> list[tuple[str, str, str]]:
    found = []
    for pattern in consulting_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {"reference": reference} if "reference" in pattern.pattern.regex.groupindex else {}
        url = reverse(f"consulting:{pattern.name}", kwargs=kwargs)
        found.append((str(pattern.name), url, "post" if pattern.name in POST_ROUTES else "get"))
    return found


@pytest.fixture
def actors(world):
    other = create_municipal_staff(
        "other@example.org", PASSWORD, authority("kassel-digital", "06611000")
    )
    clerk = accounts.create_staff(
        "clerk@example.org", PASSWORD, authority("amt", "06411000"), Role.CLERK
    )
    return {
        "requester": staff_client(world.municipal),
        "other municipal": staff_client(other),
        "consultant A": staff_client(world.consultant_a),
        "consultant B": staff_client(world.consultant_b),
        "office": staff_client(world.office),
        "clerk": staff_client(clerk),
    }


def test_every_route_answers_each_actor_as_expected(world, actors):
    names = {name for name, _url, _method in routes("x")}
    assert names == set(REFUSED), "a new route needs its expectations in this matrix"
    for actor, client in actors.items():
        request = world.request()
        data = {
            "assign-assignee": world.consultant_a.pk,
            "status-status": Status.CLOSED,
            "note-text": "Notiz",
            "partner-partner": world.partner_b.pk,
            "rating": "5",
        }
        for name, url, method in routes(request.reference):
            response = getattr(client, method)(url, data)
            assert response.status_code == EXPECTED[actor][name], (actor, name)


def test_anonymous_visitors_and_citizens_are_refused(world, client):
    request = world.request()
    accounts.create_citizen("c@example.org", PASSWORD, given_names="C", family_name="C")
    citizen = Client()
    citizen.login(email="c@example.org", password=PASSWORD)
    for _name, url, method in routes(request.reference):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/anmelden/" in response["Location"]
        assert getattr(citizen, method)(url).status_code == 403


def test_staff_without_second_factor_is_sent_to_it(world):
    client = Client()
    client.force_login(world.municipal)
    response = client.get(reverse("consulting:new"))
    assert response.status_code == 302 and "/konto/sicherheit/" in response["Location"]


def test_a_partner_sees_only_its_queue_and_the_office_sees_all(world, hessen):
    mine = world.request()
    theirs = world.request()
    ConsultingRequest.objects.filter(pk=theirs.pk).update(partner=world.partner_b)
    orphan = world.request()
    ConsultingRequest.objects.filter(pk=orphan.pk).update(partner=None)

    page = staff_client(world.consultant_a).get(reverse("consulting:queue")).content.decode()
    assert mine.reference in page
    assert theirs.reference not in page and orphan.reference not in page
    page = staff_client(world.consultant_b).get(reverse("consulting:queue")).content.decode()
    assert theirs.reference in page and mine.reference not in page

    office = staff_client(world.office)
    page = office.get(reverse("consulting:overview")).content.decode()
    assert all(r.reference in page for r in (mine, theirs, orphan))
    assert "Partner A" in page and "Partner B" in page and "ohne Partner" in page
    page = office.get(reverse("consulting:overview"), {"partner": "ohne"}).content.decode()
    assert orphan.reference in page and mine.reference not in page
    assert office.get(reverse("consulting:detail", args=[orphan.reference])).status_code == 200


def test_queue_filters_by_status_and_counts(world):
    first, second = world.request(), world.request()
    ConsultingRequest.objects.filter(pk=second.pk).update(status=Status.CLOSED)
    client = staff_client(world.consultant_a)
    response = client.get(reverse("consulting:queue"), {"status": Status.CLOSED})
    page = response.content.decode()
    assert second.reference in page and first.reference not in page
    assert dict((v, n) for v, _label, n in response.context["counts"]) == {
        "eingegangen": 1, "zugewiesen": 0, "termin_vereinbart": 0, "abgeschlossen": 1,
    }  # fmt: skip


def test_the_requester_sees_only_her_own_requests(world):
    own = world.request()
    colleague = create_municipal_staff(
        "colleague@example.org", PASSWORD, municipal_authorities(world.municipal).get()
    )
    page = staff_client(colleague).get(reverse("consulting:mine")).content.decode()
    assert own.reference not in page
    page = staff_client(world.municipal).get(reverse("consulting:mine")).content.decode()
    assert own.reference in page
