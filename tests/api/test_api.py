"""The read-only REST API with its OpenAPI description.

Requirement: catalogue, responsibility and published definitions are public; a citizen
reads only their own submissions; every route of the API is enumerated from the OpenAPI
document so a new route cannot escape the ownership test; the committed OpenAPI file is
current; only GET is offered outside the specialist-system routes (which need a token).
"""

import json
from pathlib import Path

import pytest
from django.test import Client

from rathaus.accounts import services as accounts
from rathaus.api.urls import api
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.django_db
OPENAPI_FILE = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


@pytest.fixture
def two_citizens(citizen):
    accounts.create_citizen("bob@example.org", PASSWORD, given_names="Bob", family_name="B")
    erika, bob = Client(), Client()
    erika.login(email="erika@example.org", password=PASSWORD)
    bob.login(email="bob@example.org", password=PASSWORD)
    return erika, bob


def test_catalogue_endpoints(client, catalogue):
    services = client.get("/api/v1/catalog/services").json()
    assert {"eheurkunde", "reisepass"} <= {s["slug"] for s in services}
    found = client.get("/api/v1/catalog/services", {"q": "Heirat"}).json()
    assert [s["slug"] for s in found] == ["eheurkunde"]
    detail = client.get("/api/v1/catalog/services/wohnsitz-anmelden").json()
    assert detail["leika_key"] == "99115005104000" and detail["required_documents"]
    responsible = client.get(
        "/api/v1/catalog/services/eheurkunde/responsibility", {"gemeinde": "06411000"}
    ).json()
    assert responsible["authority"]["slug"] == "darmstadt-standesamt" and responsible["online"]
    assert client.get("/api/v1/catalog/services/nichts").status_code == 404
    assert (
        client.get(
            "/api/v1/catalog/services/eheurkunde/responsibility", {"gemeinde": "x"}
        ).status_code
        == 404
    )


def test_published_definitions(client, catalogue):
    listed = client.get("/api/v1/definitions").json()
    assert [d["slug"] for d in listed] == ["eheurkunde"]
    current = client.get("/api/v1/definitions/eheurkunde").json()
    assert current["version"] == 1 and current["document"]["steps"][0]["id"] == "urkunde"
    assert client.get("/api/v1/definitions/eheurkunde/versions/1").status_code == 200
    assert client.get("/api/v1/definitions/eheurkunde/versions/2").status_code == 404


def test_a_citizen_reads_only_their_own_submissions(two_citizens):
    erika, bob = two_citizens
    reference = submit_for(erika)
    mine = erika.get("/api/v1/me/submissions").json()
    assert [s["reference"] for s in mine] == [reference]
    detail = erika.get(f"/api/v1/me/submissions/{reference}").json()
    assert detail["answers"]["anzahl"] == "2" and detail["history"][0]["state"] == "eingegangen"
    assert bob.get("/api/v1/me/submissions").json() == []
    assert bob.get(f"/api/v1/me/submissions/{reference}").status_code == 404
    assert Client().get("/api/v1/me/submissions").status_code == 401


def _concrete(path: str, reference: str) -> str:
    values = {"{slug}": "eheurkunde", "{number}": "1", "{reference}": reference}
    for placeholder, value in values.items():
        path = path.replace(placeholder, value)
    return path


def test_no_route_shows_another_persons_data(two_citizens):
    """Every API route, found in the OpenAPI document: Bob never sees Erika's reference
    or answers, whatever route he calls."""
    erika, bob = two_citizens
    reference = submit_for(erika)
    paths = api.get_openapi_schema()["paths"]
    assert len(paths) >= 9
    for path, operations in paths.items():
        if not path.startswith("/api/v1/fachverfahren/"):
            assert set(operations) == {"get"}, f"{path} offers more than GET"
        url = _concrete(path, reference)
        params = {"gemeinde": "06411000"} if "responsibility" in path else {}
        for visitor in (bob, Client()):
            for method in operations:
                response = (
                    getattr(visitor, method)(url, params, content_type="application/json")
                    if method == "post"
                    else visitor.get(url, params)
                )
                body = response.content.decode()
                assert reference not in body and "Mustermann" not in body, (path, body[:200])


def test_committed_openapi_document_is_current():
    current = json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False, sort_keys=True)
    assert OPENAPI_FILE.exists(), "run manage.py export_openapi"
    assert OPENAPI_FILE.read_text() == current + "\n"
