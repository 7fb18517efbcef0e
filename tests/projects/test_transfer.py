"""Interest in adopting a project: who sees it, the conversation, adoption on the project."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from rathaus.authentication.testing import login_with_second_factor
from rathaus.core.models import Territory
from rathaus.projects import transfer
from rathaus.projects.models import TransferRequest
from tests.projects.conftest import _staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(darmstadt_staff, make_project):
    user, authority = darmstadt_staff
    return make_project(user, authority, contact_email="kontakt@darmstadt.example")


def test_journey_through_the_pages(client, project, darmstadt_staff, kassel_staff, office,
                                   django_capture_on_commit_callbacks):  # fmt: skip
    kassel_user, _ = kassel_staff
    login_with_second_factor(client, kassel_user)
    detail = client.get(reverse("projects:detail", args=[project.slug])).content.decode()
    assert "Interesse an Übernahme senden" in detail
    kassel = Territory.objects.get(key="06611000")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("projects:ask_transfer", args=[project.slug]),
            {"municipality": kassel.pk, "text": "Wir möchten das übernehmen."},
        )
    item = TransferRequest.objects.get()
    assert response.status_code == 302 and item.status == TransferRequest.Status.OPEN
    assert mail.outbox[-1].to == ["kontakt@darmstadt.example"]
    again = client.post(reverse("projects:ask_transfer", args=[project.slug]),
                        {"municipality": kassel.pk, "text": "Nochmal"})  # fmt: skip
    assert again.status_code == 302 and again["Location"] == response["Location"]  # 2nd click
    assert TransferRequest.objects.count() == 1 and item.messages.count() == 1
    colleague = Client()
    login_with_second_factor(colleague, _staff("it@kassel.example", "06611000")[0])
    other = colleague.post(reverse("projects:ask_transfer", args=[project.slug]),
                           {"municipality": kassel.pk, "text": "Wir auch"})  # fmt: skip
    assert other.status_code == 400 and "schon eine Übernahme" in other.content.decode()

    darmstadt_user, _ = darmstadt_staff
    login_with_second_factor(client, darmstadt_user)
    client.post(reverse("projects:transfer", args=[item.pk]), {"text": "Gern, rufen Sie an."})
    item.refresh_from_db()
    assert item.status == TransferRequest.Status.IN_EXCHANGE
    client.post(reverse("projects:transfer", args=[item.pk]), {"status": "uebernommen"})
    page = client.get(reverse("projects:detail", args=[project.slug])).content.decode()
    assert "1 Kommune" in page and "Kassel" in page

    login_with_second_factor(client, office)
    listing = client.get(reverse("projects:transfers")).content.decode()
    assert "Anfragen je Projekt" in listing and "Kassel" in listing


def test_outsiders_do_not_see_requests(client, project, kassel_staff, hessen):
    kassel_user, _ = kassel_staff
    item = transfer.request_transfer(
        kassel_user, project, Territory.objects.get(key="06611000"), "Hallo"
    )
    from tests.projects.conftest import _staff

    stranger, _ = _staff("digital@giessen.example", "06531005")
    assert not transfer.can_see(stranger, item)
    assert item not in transfer.visible_requests(stranger)
    login_with_second_factor(client, stranger)
    assert client.get(reverse("projects:transfer", args=[item.pk])).status_code == 404
    assert (
        client.post(
            reverse("projects:transfer", args=[item.pk]), {"status": "uebernommen"}
        ).status_code
        == 404
    )
    assert not transfer.can_set_status(kassel_user, item)  # the asking side cannot adopt itself


def test_own_municipality_cannot_ask_for_its_own_project(project, darmstadt_staff):
    user, _ = darmstadt_staff
    assert transfer.can_request_transfer(user, project) == []
    with pytest.raises(transfer.TransferError):
        transfer.request_transfer(user, project, Territory.objects.get(key="06411000"), "x")


@pytest.mark.parametrize("closed_as", ["uebernommen", "nicht_weiterverfolgt"])
@pytest.mark.parametrize("reopen_to", ["offen", "im_austausch", "uebernommen",
                                       "nicht_weiterverfolgt"])  # fmt: skip
def test_a_closed_adoption_cannot_be_reopened_by_a_crafted_post(
    client, project, darmstadt_staff, kassel_staff, office, closed_as, reopen_to
):
    """Issue 13: set_status accepted any status from any status. A closed request stays
    closed for the project's side and for the office, through the page and the service."""
    kassel_user, _ = kassel_staff
    darmstadt_user, _ = darmstadt_staff
    kassel = Territory.objects.get(key="06611000")
    item = transfer.request_transfer(kassel_user, project, kassel, "Hallo")
    transfer.set_status(darmstadt_user, item, closed_as)
    adopted = list(project.adopted_by.all())
    for person in (darmstadt_user, office):
        login_with_second_factor(client, person)
        page = client.get(reverse("projects:transfer", args=[item.pk])).content.decode()
        assert "Status speichern" not in page  # nothing to choose once closed
        response = client.post(reverse("projects:transfer", args=[item.pk]), {"status": reopen_to})
        # the status it already has is a second click (nothing changes), any other refused
        assert response.status_code == (302 if reopen_to == closed_as else 400)
        with pytest.raises(transfer.TransferError, match="abgeschlossen"):
            transfer.set_status(person, item, reopen_to)
    item.refresh_from_db()
    assert item.status == closed_as
    assert list(project.adopted_by.all()) == adopted == ([kassel] if closed_as == "uebernommen"
                                                         else [])  # fmt: skip


def test_the_status_form_offers_only_the_next_steps(client, project, darmstadt_staff,
                                                     kassel_staff):  # fmt: skip
    kassel_user, _ = kassel_staff
    darmstadt_user, _ = darmstadt_staff
    kassel = Territory.objects.get(key="06611000")
    item = transfer.request_transfer(kassel_user, project, kassel, "Hallo")
    assert [value for value, _label in transfer.status_choices(darmstadt_user, item)] == [
        "im_austausch", "uebernommen", "nicht_weiterverfolgt"]  # fmt: skip
    assert transfer.status_choices(kassel_user, item) == []  # the asking side decides nothing


def test_a_second_click_on_the_same_status_is_not_an_error(client, project, darmstadt_staff,
                                                           kassel_staff):  # fmt: skip
    kassel_user, _ = kassel_staff
    darmstadt_user, _ = darmstadt_staff
    item = transfer.request_transfer(kassel_user, project, Territory.objects.get(key="06611000"),
                                     "Hallo")  # fmt: skip
    login_with_second_factor(client, darmstadt_user)
    url = reverse("projects:transfer", args=[item.pk])
    first = client.post(url, {"status": "uebernommen"})
    second = client.post(url, {"status": "uebernommen"})  # the same form sent twice
    assert (first.status_code, second.status_code) == (302, 302)
    item.refresh_from_db()
    assert item.status == "uebernommen" and project.adopted_by.count() == 1
