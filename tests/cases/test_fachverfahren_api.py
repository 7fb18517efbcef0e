"""The REST API for specialist systems: a token per authority, scoped to its cases.

Requirement: token X lists and reads the cases of authority X (with attachments), token Y
sees none of them (404); transitions go through the workflow checks (422 when refused,
409 on a stale version); acknowledging marks the delivery delivered; requests without a
valid token get 401; tokens are stored only as hashes.
"""

import pytest
from django.test import Client

from rathaus.cases.models import ApiToken, Case
from rathaus.cases.tokens import create_token
from rathaus.core.models import Authority, Territory
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.django_db
BASE = "/api/v1/fachverfahren/cases"


@pytest.fixture
def setup(catalogue, citizen, hessen):
    applicant = Client()
    applicant.login(email="erika@example.org", password=PASSWORD)
    reference = submit_for(applicant)
    kassel = Authority.objects.create(
        name="Kassel", slug="ks", territory=Territory.objects.get(key="06611000")
    )
    _x, token_x = create_token(catalogue, "Fachverfahren X")
    _y, token_y = create_token(kassel, "Fachverfahren Y")
    return reference, token_x, token_y


def call(method, url, token, data=None):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    if method == "get":
        return client.get(url)
    return client.post(url, data or {}, content_type="application/json")


def test_each_token_sees_only_its_authority(setup):
    reference, token_x, token_y = setup
    assert [c["reference"] for c in call("get", BASE, token_x).json()] == [reference]
    detail = call("get", f"{BASE}/{reference}", token_x).json()
    assert detail["answers"]["anzahl"] == "2" and detail["definition"] == "eheurkunde"
    assert call("get", BASE, token_y).json() == []
    assert call("get", f"{BASE}/{reference}", token_y).status_code == 404
    assert call("post", f"{BASE}/{reference}/ack", token_y).status_code == 404
    for token in ("", "rh_falsch", "x" * 500):
        assert call("get", BASE, token).status_code == 401
    assert not ApiToken.objects.filter(token_hash=token_x).exists()  # only the hash is kept


def test_transitions_use_the_workflow(setup):
    reference, token_x, _y = setup
    url = f"{BASE}/{reference}/transitions"
    refused = call("post", url, token_x, {"transition": "entscheiden", "version": 1})
    assert refused.status_code == 422 and refused.json()["error"] == "state"
    moved = call("post", url, token_x, {"transition": "bearbeiten", "version": 1})
    assert moved.status_code == 200 and moved.json()["state"] == "in_bearbeitung"
    stale = call("post", url, token_x, {"transition": "rueckfrage", "version": 1, "message": "x"})
    assert stale.status_code == 409 and stale.json()["version"] == 2
    decided = call("post", url, token_x, {"transition": "entscheiden", "version": 2,
                                          "outcome": "bewilligt", "reasons": "Passt."})  # fmt: skip
    assert decided.json()["state"] == "entschieden"
    assert Case.objects.get().events.filter(kind="transition").count() == 2


def test_acknowledge_marks_delivery(setup, catalogue):
    from rathaus.catalog.models import Offer
    from rathaus.deliveries.models import Delivery, DeliveryRoute
    from rathaus.submissions.models import Submission

    reference, token_x, _y = setup
    offer = Offer.objects.get(authority=catalogue)
    route = DeliveryRoute.objects.create(offer=offer, plugin="webhook", config={"url": "x"})
    delivery = Delivery.objects.create(
        submission=Submission.objects.get(), route=route, plugin="webhook"
    )
    assert call("post", f"{BASE}/{reference}/ack", token_x).status_code == 200
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert Case.objects.get().events.filter(kind="acknowledged").exists()
