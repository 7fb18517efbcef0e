"""A step of an application, signed in: few and light queries (issue 16).

Requirement: showing a step and a valid answer to it read the draft once with its version
(not its document, which is parsed once per process), not who counts as staff (kept on
the user row once known), and a
stored address's Gemeinde by its key without the territories above it; a valid POST does
not read the draft's version again after saving.
"""

from __future__ import annotations

import pytest

from tests.service_fixtures import PASSWORD, eheurkunde_steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def step_url(client, citizen):
    assert client.login(email="erika@example.org", password=PASSWORD)
    client.post("/leistungen/eheurkunde/beantragen/", {"gemeinde": "06411000"})
    from rathaus.submissions.models import Draft

    draft = Draft.objects.get()
    assert draft.answers  # prefilled from the profile, address with its Gemeinde included
    return f"/antrag/{draft.pk}/schritt/1/"


def _sql(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries]


def _light(sql: list[str]) -> None:
    assert not any('"definitions_definitionversion"."document"' in q for q in sql)
    territories = [q for q in sql if 'FROM "core_territory"' in q]
    assert territories and not any("JOIN" in q for q in territories)
    assert sum("EXISTS" in q for q in sql) == 0  # who counts as staff: kept on the user


def test_step_page_reads_little(client, step_url, django_assert_max_num_queries):
    client.get(step_url)
    with django_assert_max_num_queries(4) as captured:
        response = client.get(step_url)
    assert response.status_code == 200 and "Schritt 1 von 4" in response.content.decode()
    _light(_sql(captured))


def test_valid_step_post_reads_little(client, step_url, django_assert_max_num_queries):
    # draft, session, user, Gemeinde; the save (savepoint, locked draft with its offer,
    # update, release); the saved answers; their Gemeinde again
    with django_assert_max_num_queries(10) as captured:
        response = client.post(step_url, eheurkunde_steps()[0])
    assert response.status_code == 302 and response.url.endswith("/schritt/2/")
    sql = _sql(captured)
    assert not any('FROM "definitions_definitionversion"' in q for q in sql)
    assert not any('FROM "catalog_offer"' in q for q in sql)  # read with the locked draft


def test_step_answers_are_kept_as_before(client, step_url):
    from rathaus.submissions.models import Draft

    client.post(step_url, eheurkunde_steps()[0])
    draft = Draft.objects.get()
    assert draft.completed_steps == ["urkunde"]
    assert draft.answers["anzahl"] in (2, "2") and draft.answers["zweck"] == "rente"
    page = client.get(step_url).content.decode()
    assert 'value="2"' in page
