"""Statuses, assignment, appointments, notes, the requester's timeline and feedback."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rathaus.audit.models import AuditEntry
from rathaus.consulting import services
from rathaus.consulting.models import ConsultingEvent, ConsultingRequest, Status
from tests.consulting.helpers import future, staff_client

pytestmark = pytest.mark.django_db


def soon(days: int = 5) -> datetime:
    return timezone.now() + timedelta(days=days)


def closed(world, request: ConsultingRequest) -> ConsultingRequest:
    services.assign(request, world.consultant_a, world.consultant_a)
    return services.change_status(request, Status.CLOSED, world.consultant_a)


def test_the_whole_way_through_the_pages(world, django_capture_on_commit_callbacks):
    request = world.request()
    consultant = staff_client(world.consultant_a)
    detail = reverse("consulting:detail", args=[request.reference])
    with django_capture_on_commit_callbacks(execute=True):
        response = consultant.post(
            reverse("consulting:assign", args=[request.reference]),
            {"assign-assignee": world.consultant_a.pk},
        )
        assert response.status_code == 302 and response["Location"] == detail
        response = consultant.post(reverse("consulting:status", args=[request.reference]), {
            "status-status": Status.APPOINTMENT, "status-appointment_date": future(7),
            "status-appointment_time": "10:30", "status-message": "Wir kommen ins Rathaus.",
        })  # fmt: skip
        assert response.status_code == 302
        consultant.post(reverse("consulting:note", args=[request.reference]),
                        {"note-text": "Ansprechpartner ist der CDO."})  # fmt: skip
        consultant.post(reverse("consulting:status", args=[request.reference]),
                        {"status-status": Status.CLOSED})  # fmt: skip
    request.refresh_from_db()
    assert request.status == Status.CLOSED and request.assignee == world.consultant_a
    assert timezone.localtime(request.appointment_at).strftime("%H:%M") == "10:30"
    assert request.closed_at is not None
    subjects = [m.subject for m in mail.outbox if m.to == ["max@darmstadt.example"]]
    labels = ("Zugewiesen", "Termin vereinbart", "Abgeschlossen")
    assert subjects == [f"Ihre Beratungsanfrage {request.reference}: {label}" for label in labels]
    body = [m for m in mail.outbox if "Termin vereinbart" in m.subject][0].body
    assert "10:30 Uhr" in body and "Wir kommen ins Rathaus." in body

    page = staff_client(world.municipal).get(
        reverse("consulting:mine_detail", args=[request.reference])
    ).content.decode()  # fmt: skip
    for text in ("Anfrage eingegangen", "Zugewiesen", "Termin vereinbart", "Abgeschlossen",
                 "Wir kommen ins Rathaus.", "Rückmeldung zur Beratung"):  # fmt: skip
        assert text in page
    assert "Ansprechpartner ist der CDO." not in page  # internal notes stay internal
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"consulting.request_submitted", "consulting.assigned", "consulting.status_changed",
            "consulting.note_added"} <= verbs  # fmt: skip


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (Status.CLOSED, "Bitte weisen Sie die Anfrage zuerst einer Person zu."),
        (Status.APPOINTMENT, "Bitte weisen Sie die Anfrage zuerst einer Person zu."),
        (Status.ASSIGNED, "einer Person zuweisen"),
        (Status.RECEIVED, "zuerst einer Person zu"),
    ],
)
def test_refused_transitions_change_nothing(world, target, message):
    request = world.request()
    with pytest.raises(services.Refused, match=message):
        services.change_status(request, target, world.office, appointment_at=soon())
    request.refresh_from_db()
    assert request.status == Status.RECEIVED
    assert not ConsultingEvent.objects.filter(kind="status").exists()


def test_a_refused_step_shows_the_page_again_with_the_typed_message(world):
    request = world.request()
    client = staff_client(world.consultant_a)
    response = client.post(reverse("consulting:status", args=[request.reference]), {
        "status-status": Status.CLOSED, "status-message": "Schon erledigt <b>telefonisch</b>",
    })  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bitte weisen Sie die Anfrage zuerst einer Person zu." in page
    assert "Schon erledigt &lt;b&gt;telefonisch&lt;/b&gt;</textarea>" in page
    assert "<title>Fehler:" in page


def test_an_appointment_needs_a_future_date_and_time(world):
    request = world.request()
    services.assign(request, world.consultant_a, world.consultant_a)
    client = staff_client(world.consultant_a)
    url = reverse("consulting:status", args=[request.reference])
    response = client.post(url, {"status-status": Status.APPOINTMENT})
    assert response.status_code == 400
    assert "Bitte geben Sie das Datum des Termins an." in response.content.decode()
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(url, {"status-status": Status.APPOINTMENT,
                                 "status-appointment_date": yesterday,
                                 "status-appointment_time": "09:00"})  # fmt: skip
    assert "Der Termin muss in der Zukunft liegen." in response.content.decode()
    assert f'value="{yesterday}"' in response.content.decode()
    with pytest.raises(services.Refused):
        services.change_status(request, Status.APPOINTMENT, world.consultant_a,
                               appointment_at=timezone.now() - timedelta(hours=1))  # fmt: skip
    assert ConsultingRequest.objects.get(pk=request.pk).status == Status.ASSIGNED


def test_only_the_partners_consultants_can_be_assigned(world):
    request = world.request()
    with pytest.raises(services.Refused):
        services.assign(request, world.consultant_b, world.office)
    response = staff_client(world.consultant_a).post(
        reverse("consulting:assign", args=[request.reference]),
        {"assign-assignee": world.consultant_b.pk},
    )  # fmt: skip
    assert response.status_code == 400
    assert ConsultingRequest.objects.get(pk=request.pk).assignee is None


def test_the_office_routes_a_request_without_partner(world, django_capture_on_commit_callbacks):
    request = world.request()
    ConsultingRequest.objects.filter(pk=request.pk).update(partner=None)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client(world.office).post(
            reverse("consulting:partner", args=[request.reference]),
            {"partner-partner": world.partner_b.pk},
        )  # fmt: skip
    assert response.status_code == 302
    assert ConsultingRequest.objects.get(pk=request.pk).partner == world.partner_b
    assert mail.outbox[-1].to == ["b@partner.example"]
    page = staff_client(world.consultant_b).get(reverse("consulting:queue")).content.decode()
    assert request.reference in page


def test_reassigning_keeps_the_status_and_a_closed_request_is_frozen(world):
    request = world.request()
    services.assign(request, world.consultant_a, world.office)
    services.change_status(request, Status.APPOINTMENT, world.office, appointment_at=soon())
    request = services.assign(request, world.consultant_a, world.office)
    assert request.status == Status.APPOINTMENT
    request = services.change_status(request, Status.APPOINTMENT, world.office,
                                     appointment_at=soon(9))  # fmt: skip
    request = services.change_status(request, Status.CLOSED, world.office)
    with pytest.raises(services.Refused, match="abgeschlossen"):
        services.assign(request, world.consultant_a, world.office)
    with pytest.raises(services.Refused, match="abgeschlossen"):
        services.change_status(request, Status.CLOSED, world.office)
    page = staff_client(world.office).get(reverse("consulting:detail", args=[request.reference]))
    assert "Status speichern" not in page.content.decode()


def test_feedback_only_after_closing_only_by_the_requester_only_once(world):
    request = world.request()
    url = reverse("consulting:feedback", args=[request.reference])
    requester = staff_client(world.municipal)
    response = requester.post(url, {"rating": "4", "text": "Zu früh"})
    assert response.status_code == 400
    assert "sobald die Beratung abgeschlossen ist" in response.content.decode()
    assert "Zu früh</textarea>" in response.content.decode()

    request = closed(world, request)
    with pytest.raises(services.Refused, match="Nur die anfragende Person"):
        services.give_feedback(request, world.consultant_a, 5, "")
    assert staff_client(world.consultant_a).post(url, {"rating": "5"}).status_code == 404
    response = requester.post(url, {"rating": "9", "text": "Sehr gut"})
    assert response.status_code == 400
    assert "Bitte wählen Sie eine Bewertung von 1 bis 5." in response.content.decode()
    response = requester.post(url, {"rating": "4", "text": "Sehr hilfreich, danke!"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.feedback_rating, request.feedback_text) == (4, "Sehr hilfreich, danke!")
    response = requester.post(url, {"rating": "1", "text": "Doch nicht"})
    assert response.status_code == 400
    assert "bereits eine Rückmeldung gegeben" in response.content.decode()
    request.refresh_from_db()
    assert request.feedback_rating == 4
    page = requester.get(reverse("consulting:mine_detail", args=[request.reference]))
    assert "Bewertung: 4 von 5" in page.content.decode()
    assert "Rückmeldung senden" not in page.content.decode()
    partner = staff_client(world.consultant_a)
    page = partner.get(reverse("consulting:detail", args=[request.reference]))
    assert "Bewertung: 4 von 5" in page.content.decode()


@pytest.mark.parametrize("start", [Status.ASSIGNED, Status.APPOINTMENT])
def test_no_way_back_to_received_once_assigned(world, start):
    request = world.request()
    services.assign(request, world.consultant_a, world.office)
    if start == Status.APPOINTMENT:
        services.change_status(request, Status.APPOINTMENT, world.office, appointment_at=soon())
    with pytest.raises(services.Refused, match="Dieser Statuswechsel ist nicht möglich"):
        services.change_status(request, Status.RECEIVED, world.office, appointment_at=None)
    request.refresh_from_db()
    assert request.status == start
