"""Pages added by issue 13, in a real browser and checked with axe-core:

- a citizen who mistyped her password too often waits (the page says how long, 429),
  gets an unlock link by mail, opens it, lifts the wait with the button and logs in;
- a receipt that the after-submission task has not made yet: the page asks to try again
  shortly (503) instead of writing anything.
"""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from rathaus.submissions.models import Submission
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.e2e


def _log_in(page, email: str, password: str):
    page.goto("/anmelden/")
    page.fill("#id_email", email)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Anmelden", exact=True).click()


def test_a_mistyping_owner_waits_then_lets_herself_in_with_the_mailed_link(
    page, assert_accessible, mailoutbox, settings, citizen
):
    settings.RATHAUS_LOGIN_SOURCE_MAX_FAILURES = 10
    settings.RATHAUS_LOGIN_MAX_FAILURES = 2  # the account as a whole waits after two
    for _ in range(3):
        _log_in(page, "erika@example.org", "falsch-falsch-falsch")
    expect(page.get_by_text("Zu viele Anmeldeversuche")).to_be_visible()
    assert_accessible(page)

    link = re.search(r"https?://\S+/anmelden/freigeben/\S+/", mailoutbox[-1].body)
    assert link, mailoutbox[-1].body
    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Anmeldung freigeben")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Wartezeit aufheben").click()
    expect(page.get_by_text("Die Wartezeit ist aufgehoben.")).to_be_visible()
    assert_accessible(page)

    _log_in(page, "erika@example.org", PASSWORD)
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()


def test_a_receipt_not_made_yet_asks_to_try_again(page, assert_accessible, citizen):
    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    reference = submit_for(client)
    Submission.objects.filter(reference=reference).update(receipt="")  # the task not run yet

    _log_in(page, "erika@example.org", PASSWORD)
    page.goto(f"/antraege/{reference}/")
    with page.expect_response(lambda r: r.url.endswith(".pdf")) as answer:
        # the link is a plain link (no download attribute): the explanation is shown
        page.get_by_role("link", name="Eingangsbestätigung herunterladen (PDF)").click()
    response = answer.value
    assert response.status == 503 and response.headers["retry-after"] == "60"
    expect(page.get_by_text("Ihre Eingangsbestätigung wird gerade erstellt.")).to_be_visible()
    assert_accessible(page)
    assert not Submission.objects.get(reference=reference).receipt  # the GET wrote nothing
